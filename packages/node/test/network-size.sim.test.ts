import { describe, expect, it } from "vitest";
import { createTestnet } from "../src/testing/index.js";

/** The estimate must land within this factor of the true size, either way. */
const FACTOR = 1.5;

/**
 * `stats().networkSize` against the true size: nodes of a built network each run 40 lookups
 * of random ids (the estimate is the median of the last 64 converged walks, join and
 * refresh walks included), and the median over 10 nodes' estimates, and every one of them,
 * must land within FACTOR of N.
 */
describe("network size estimate", () => {
  for (const [size, seed] of [[12, 10], [30, 11], [200, 12], [1000, 13]] as const) {
    it(`seed ${seed}: ${size} nodes, within ${FACTOR}x of the true size`, async () => {
      const net = await createTestnet({ size, seed, identities: false });
      const askers = net.nodes.slice(0, 10);
      await net.settle(Promise.all(askers.map(async (node) => {
        for (let i = 0; i < 40; i++) await node.findNode(net.random.bytes(32));
      })));
      const estimates = askers.map((node) => node.stats().networkSize).sort((a, b) => a - b);
      const median = estimates[estimates.length >> 1]!;
      console.log(`N = ${size}: estimates ${estimates.join(", ")}; median ${median} (${(median / size).toFixed(2)}x)`);
      expect(median).toBeGreaterThan(size / FACTOR);
      expect(median).toBeLessThan(size * FACTOR);
      for (const e of estimates) {
        expect(e).toBeGreaterThan(size / FACTOR);
        expect(e).toBeLessThan(size * FACTOR);
      }
      await net.stop();
    }, 300_000);
  }
});
