import { describe, expect, it } from "vitest";
import { createTestnet } from "../src/testing/index.js";

/** One node joining a built network: clock time of its join and its table then and 5 s later. */
async function joinOnce(joinWaitsForFarBuckets: boolean): Promise<{ joinMs: number; atJoin: number; later: number; farBuckets: number }> {
  const net = await createTestnet({ size: 120, seed: 19, init: { joinWaitsForFarBuckets } });
  try {
    const started = net.clock.now();
    const [node] = await net.add(1);
    const joinMs = net.clock.now() - started;
    const atJoin = node!.table.size;
    await net.run(5_000);
    const far = node!.table.nonEmptyBuckets().filter((index) => index < 2); // the 1/2 and 1/4 of the id space farthest from it
    return { joinMs, atJoin, later: node!.table.size, farBuckets: far.length };
  } finally {
    await net.stop();
  }
}

describe("join resolves after the self lookup; far buckets fill in the background", () => {
  it("seed 19: 120 nodes, the default join resolves sooner and its table holds the far buckets' contacts soon after", async () => {
    const waiting = await joinOnce(true);
    const background = await joinOnce(false);
    console.log(`joinWaitsForFarBuckets: ${waiting.joinMs.toFixed(0)} ms of clock, table ${waiting.atJoin}; `
      + `default: ${background.joinMs.toFixed(0)} ms, table ${background.atJoin} at join, ${background.later} 5 s later`);
    expect(background.joinMs).toBeLessThan(waiting.joinMs);
    expect(background.later).toBeGreaterThan(background.atJoin);
    expect(background.later).toBeGreaterThanOrEqual(waiting.atJoin - 2);
    expect(background.farBuckets).toBe(2);
  }, 120_000);
});
