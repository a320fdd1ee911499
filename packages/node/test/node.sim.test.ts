import { bytesEqual, utf8 } from "@plexus/core";
import { createCodec } from "@plexus/wire";
import { SeededRandom } from "@plexus/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../src/index.js";
import type { PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";
import type { Testnet } from "../src/testing/index.js";

/** A codec of this test's own. */
const { encode } = createCodec();

const SEED = 42;
const SIZE = 1000;

describe(`1,000-node network (seed ${SEED})`, () => {
  let net: Testnet;
  /** Each test draws from a stream of its own, so what it does not depend on the tests before it. */
  const testRandom = (n: number): SeededRandom => new SeededRandom(SEED * 1000 + n);
  const pick = (random: SeededRandom): PlexusNode => net.live[random.int(net.live.length)]!;

  beforeAll(async () => {
    // The network these figures were measured on: random ids, unsigned broadcasts (the
    // signed default has its own tests, origins.sim.test.ts). With identity-derived ids this
    // seed leaves one node with an empty bucket over a 32-node subtree, which r = 1 cannot cover.
    net = await createTestnet({ size: SIZE, seed: SEED, identities: false, init: { broadcastRedundancy: 1, verifyOrigins: false } });
  }, 300_000);
  afterAll(async () => { await net?.stop(); });

  it("lookups find the true closest nodes", async () => {
    const random = testRandom(1);
    for (let i = 0; i < 20; i++) {
      const target = random.bytes(32);
      const closest = await net.settle(pick(random).findNode(target));
      const truth = net.trueClosest(target, 20);
      expect(bytesEqual(closest[0]!.id, truth[0]!)).toBe(true);
      const found = closest.filter((c) => truth.some((t) => bytesEqual(t, c.id))).length;
      expect(found).toBeGreaterThanOrEqual(18);
    }
  });

  it("values stored from one node are found from others", async () => {
    const random = testRandom(2);
    for (let i = 0; i < 10; i++) {
      const value = utf8(`value ${i}`);
      const key = sha256(value);
      const result = await net.settle(pick(random).putValue(key, value));
      expect(result.stored).toBeGreaterThanOrEqual(15);
      const got = await net.settle(pick(random).getValue(key));
      expect(got && bytesEqual(got, value)).toBe(true);
    }
  });

  it("reports a missing key as not found", async () => {
    const random = testRandom(3);
    const it = pick(random).get(random.bytes(32));
    const drained = (async () => { for (;;) { const r = await it.next(); if (r.done) return r.value; } })();
    const result = await net.settle(drained);
    expect(result.found).toBe(false);
  });

  it("broadcast reaches every node exactly once on a lossless network", async () => {
    const random = testRandom(4);
    const counts = new Map<PlexusNode, number>();
    const listeners = net.live.map((node) => {
      const listener = (): void => { counts.set(node, (counts.get(node) ?? 0) + 1); };
      node.on("broadcast", listener);
      return () => node.off("broadcast", listener);
    });
    const origin = pick(random);
    await net.settle(origin.broadcast(utf8("hello"), { redundancy: 1 }));
    await net.run(5_000);
    listeners.forEach((off) => off());
    const others = net.live.filter((n) => n !== origin);
    expect(others.filter((n) => counts.get(n) === 1).length).toBe(others.length);
    expect(counts.has(origin)).toBe(false);
  });

  it("malformed, truncated and oversized datagrams change only a counter", async () => {
    const random = testRandom(5);
    const victim = pick(random);
    const attacker = net.network.createTransport();
    await attacker.start();
    const valid = encode({ type: "FIND_NODE", rid: 1, sender: random.bytes(32), target: random.bytes(32) });
    const garbage = [random.bytes(40), valid.subarray(0, valid.length - 5), new Uint8Array(0),
      new Uint8Array([0xff, 0xff, 0xff]), random.bytes(1200)];
    for (let i = 0; i < 50; i++) for (const g of garbage) attacker.send(victim.address!, g);
    const before = victim.stats().malformed;
    const tableSize = victim.table.size;
    await net.run(1_000);
    expect(victim.stats().malformed - before).toBe(250);
    expect(victim.table.size).toBe(tableSize);
    const target = random.bytes(32);
    const closest = await net.settle(victim.findNode(target));
    expect(bytesEqual(closest[0]!.id, net.trueClosest(target, 1)[0]!)).toBe(true);
    await attacker.stop();
  });

  it("broadcast still reaches >= 99% of nodes with 5% loss", async () => {
    const random = testRandom(6);
    net.network.setLoss(0.05);
    const reached = new Set<PlexusNode>();
    const listeners = net.live.map((node) => {
      const listener = (): void => { reached.add(node); };
      node.on("broadcast", listener);
      return () => node.off("broadcast", listener);
    });
    try {
      const origin = pick(random);
      await net.settle(origin.broadcast(utf8("lossy")));
      await net.run(10_000);
    } finally {
      listeners.forEach((off) => off());
      net.network.setLoss(0);
    }
    expect(reached.size / (net.live.length - 1)).toBeGreaterThanOrEqual(0.99);
  });
});
