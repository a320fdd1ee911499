import { bytesEqual, compareDistance } from "@plexus/core";
import type { Contact } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { sha256 } from "../src/index.js";
import type { PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";

const K = 20;

/** The k nodes closest to `key` among all but `except`. */
function trueClosest(nodes: readonly PlexusNode[], key: Uint8Array, except: PlexusNode): PlexusNode[] {
  return nodes.filter((n) => n !== except).sort((a, b) => compareDistance(a.id, b.id, key)).slice(0, K);
}

// How wide a put's and a get's walks go (query/walk.ts `sharedWindow`, `probeFirst`): a put's
// three disjoint paths share one window of the k closest, so it asks about as many nodes as
// one walk and still stores on the true k closest; a get asks one node first and opens the
// other paths at its reply or after PROBE_FIRST_MS.
describe("query width", () => {
  it("a put's disjoint paths share one window: the true k closest get the STORE, with about k FIND_NODEs", async () => {
    const net = await createTestnet({ size: 300, seed: 11 });
    let findNodes = 0, puts = 0, onTrueClosest = 0;
    for (let i = 0; i < 15; i++) {
      const value = net.random.bytes(100);
      const key = sha256(value);
      const publisher = net.nodes[net.random.int(net.nodes.length)]!;
      const sent = publisher.stats().sent.FIND_NODE;
      // Bound: one entry per STORE acknowledged (at most k).
      const stored: Contact[] = [];
      await net.settle((async () => {
        for await (const event of publisher.put(key, value, { republish: false })) if (event.type === "stored") stored.push(event.contact);
      })());
      findNodes += publisher.stats().sent.FIND_NODE - sent;
      puts++;
      const truth = trueClosest(net.nodes, key, publisher);
      onTrueClosest += truth.filter((n) => stored.some((c) => bytesEqual(c.id, n.id))).length;
    }
    await net.stop();
    console.log(`300 nodes, 15 puts: ${(findNodes / puts).toFixed(1)} FIND_NODE per put; ${onTrueClosest}/${puts * K} of the true k closest stored`);
    expect(onTrueClosest).toBeGreaterThanOrEqual(0.99 * puts * K);
    // Three paths each converging on k of their own asked 60-70 (docs/security.md, "Reads").
    expect(findNodes / puts).toBeLessThan(2 * K);
  }, 120_000);

  it("a get asks one node first: on a fast network a value there costs one FIND_VALUE; on a slow one the walk opens after PROBE_FIRST_MS", async () => {
    for (const [latency, most] of [[{ minMs: 0.1, maxMs: 0.4 }, 3], [{ minMs: 5, maxMs: 50 }, 20]] as const) {
      const net = await createTestnet({ size: 150, seed: 12, latency });
      const value = net.random.bytes(100);
      const key = sha256(value);
      await net.settle(net.nodes[0]!.putValue(key, value, { republish: false }));
      let findValues = 0, found = 0;
      const readers = net.nodes.slice(1, 31);
      for (const reader of readers) {
        const sent = reader.stats().sent.FIND_VALUE;
        const got = await net.settle(reader.getValue(key));
        findValues += reader.stats().sent.FIND_VALUE - sent;
        if (got && bytesEqual(got, value)) found++;
      }
      await net.stop();
      const mean = findValues / readers.length;
      console.log(`150 nodes, latency ${latency.minMs}-${latency.maxMs} ms: ${mean.toFixed(1)} FIND_VALUE per get, found ${found}/${readers.length}`);
      expect(found).toBe(readers.length);
      expect(mean).toBeLessThan(most);
    }
  }, 120_000);

  // The probe goes on (query/probe-first.ts): a getter whose table holds none of the key's
  // replicas asks the closer node the probe's reply names, one at a time up to PROBE_HOPS,
  // instead of opening every path to alpha at the first reply that holds no value.
  it("seed 13: 300 nodes on a fast network, keys from random putters: a get follows its probe's reply one node at a time", async () => {
    const net = await createTestnet({ size: 300, seed: 13, latency: { minMs: 0.1, maxMs: 0.2 } });
    let findValues = 0, found = 0, gets = 0;
    for (let i = 0; i < 30; i++) {
      const value = net.random.bytes(100);
      const key = sha256(value);
      const putter = net.random.int(net.nodes.length);
      await net.settle(net.nodes[putter]!.putValue(key, value, { republish: false }));
      const reader = net.nodes[(putter + 1 + net.random.int(net.nodes.length - 1)) % net.nodes.length]!;
      const sent = reader.stats().sent.FIND_VALUE;
      const got = await net.settle(reader.getValue(key));
      findValues += reader.stats().sent.FIND_VALUE - sent;
      gets++;
      if (got && bytesEqual(got, value)) found++;
    }
    await net.stop();
    console.log(`300 nodes, latency 0.1-0.2 ms, ${gets} gets of keys put by others: ${(findValues / gets).toFixed(2)} FIND_VALUE per get, found ${found}/${gets}`);
    expect(found).toBe(gets);
    // Opening every path at the first reply without the value: 6.1 per get (before the probe went on).
    expect(findValues / gets).toBeLessThan(3);
  }, 120_000);
});
