import { bytesEqual, compareDistance } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { sha256 } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";

// The last round of a lookup (query/widening.ts, paper 2.3): once a round of alpha replies
// brings nothing closer, the walk asks the rest of the k closest at once instead of alpha at
// a time. With every link at 10 ms each way, a lookup's clock time counts its dependent
// round trips (20 ms each); the requests stay about k, and the closest found is the true one.
describe("lookup widening", () => {
  it("seed 14: 300 nodes, one RTT per link: a lookup takes about 3 round trips and about k requests, not k / alpha", async () => {
    const net = await createTestnet({ size: 300, seed: 14, latency: { minMs: 10, maxMs: 10 } });
    const lookups = 30;
    let roundTrips = 0, contacted = 0, exact = 0;
    for (let i = 0; i < lookups; i++) {
      const querier = net.nodes[net.random.int(net.nodes.length)]!;
      const target = net.random.bytes(32);
      const result = await net.settle((async () => {
        const walk = querier.lookup(target, { events: false });
        for (;;) {
          const step = await walk.next();
          if (step.done === true) return step.value;
        }
      })());
      roundTrips += result.durationMs / 20;
      contacted += result.contacted;
      const truth = net.nodes.filter((n) => n !== querier).sort((a, b) => compareDistance(a.id, b.id, target))[0]!;
      if (result.closest[0] !== undefined && bytesEqual(result.closest[0].id, truth.id)) exact++;
    }
    await net.stop();
    console.log(`300 nodes, 10 ms links, ${lookups} lookups: ${(roundTrips / lookups).toFixed(2)} round trips and ${(contacted / lookups).toFixed(1)} requests per lookup; true closest first ${exact}/${lookups}`);
    expect(exact).toBeGreaterThanOrEqual(lookups - 1);
    // Alpha at a time to the end: k / alpha = 7 round trips and more (the walk before widening: 7.67).
    expect(roundTrips / lookups).toBeLessThan(5);
    expect(contacted / lookups).toBeLessThan(1.5 * 20);
  }, 120_000);

  // A put's walk (three disjoint paths sharing one window) widens the same way; its STORE
  // round trip follows. Every STORE still waits for its acknowledgement.
  it("seed 15: 300 nodes, one RTT per link: a put takes about 5 round trips, its STOREs acknowledged by the k closest", async () => {
    const net = await createTestnet({ size: 300, seed: 15, latency: { minMs: 10, maxMs: 10 } });
    const puts = 15;
    let roundTrips = 0, findNodes = 0, stored = 0;
    for (let i = 0; i < puts; i++) {
      const publisher = net.nodes[net.random.int(net.nodes.length)]!;
      const value = net.random.bytes(100);
      const sent = publisher.stats().sent.FIND_NODE;
      const started = net.clock.now();
      const result = await net.settle(publisher.putValue(sha256(value), value, { republish: false }));
      roundTrips += (net.clock.now() - started) / 20;
      findNodes += publisher.stats().sent.FIND_NODE - sent;
      stored += result.stored;
    }
    await net.stop();
    console.log(`300 nodes, 10 ms links, ${puts} puts: ${(roundTrips / puts).toFixed(2)} round trips, ${(findNodes / puts).toFixed(1)} FIND_NODE and ${(stored / puts).toFixed(1)} STOREs acknowledged per put`);
    expect(stored).toBeGreaterThanOrEqual(puts * 19);
    // Before widening: 8.40 round trips, the same 29.4 FIND_NODE.
    expect(roundTrips / puts).toBeLessThan(5.5);
    expect(findNodes / puts).toBeLessThan(2 * 20);
  }, 120_000);
});
