import { bytesEqual, utf8 } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../src/index.js";
import type { PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";
import type { Testnet } from "../src/testing/index.js";

const SEED = 9;
const SIZE = 1000;
const LOSS = 0.05;

// Issue 3: the same checks as node.sim.test.ts on a network that loses 5% of all datagrams,
// built under that loss, at >= 99% success.
describe(`1,000-node network with 5% loss (seed ${SEED})`, () => {
  let net: Testnet;
  /** Each test draws from a stream of its own, so what it does not depend on the tests before it. */
  const testRandom = (n: number): SeededRandom => new SeededRandom(SEED * 1000 + n);
  const pick = (random: SeededRandom): PlexusNode => net.live[random.int(net.live.length)]!;

  beforeAll(async () => {
    net = await createTestnet({ size: SIZE, seed: SEED, loss: LOSS });
  }, 300_000);
  afterAll(async () => { await net?.stop(); });

  it("every node joined despite the loss", () => {
    expect(net.live.length).toBe(SIZE);
    expect(net.live.filter((n) => n.table.size === 0)).toHaveLength(0);
  });

  it("node lookups find the true closest node in >= 99% of 200 lookups", async () => {
    const random = testRandom(2);
    let exact = 0;
    for (let i = 0; i < 200; i++) {
      const target = random.bytes(32);
      const closest = await net.settle(pick(random).findNode(target));
      if (closest[0] && bytesEqual(closest[0].id, net.trueClosest(target, 1)[0]!)) exact++;
    }
    expect(exact / 200).toBeGreaterThanOrEqual(0.99);
  });

  it("values stored from random nodes are found from others in >= 99% of 100 gets", async () => {
    const random = testRandom(3);
    const keys: [Uint8Array, Uint8Array][] = [];
    for (let i = 0; i < 100; i++) {
      const value = utf8(`lossy value ${i}`);
      const key = sha256(value);
      const result = await net.settle(pick(random).putValue(key, value));
      expect(result.stored).toBeGreaterThan(0);
      keys.push([key, value]);
    }
    let found = 0;
    for (const [key, value] of keys) {
      const got = await net.settle(pick(random).getValue(key));
      if (got && bytesEqual(got, value)) found++;
    }
    expect(found / keys.length).toBeGreaterThanOrEqual(0.99);
  });

  it("missing keys are reported not found, every time", async () => {
    const random = testRandom(4);
    for (let i = 0; i < 20; i++) {
      const got = await net.settle(pick(random).getValue(random.bytes(32)));
      expect(got).toBeUndefined();
    }
  });
});
