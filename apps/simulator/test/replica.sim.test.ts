import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, World } from "../src/index.js";
import type { Scenario } from "../src/index.js";
import { WHOLE, lookupShare, mergeShares } from "../src/measure/lookups.js";

const scenario: Scenario = { ...DEFAULT_SCENARIO, name: "replica", seed: 3, nodes: 300, stores: 0, workers: 2 };

async function built(): Promise<World> {
  const world = new World(scenario);
  await world.build();
  return world;
}

// Runs in this thread only; the tests that start replica threads are in simulator.sim.test.ts.
describe("lookup shares (Scenario.workers)", () => {
  it("split one phase between replicas: each runs its own lookups, merged back in order", async () => {
    // 10 s apart: no two lookups overlap, so lookup 0 sees the same network in both runs.
    const count = 9, span = 90_000;
    const shares = [];
    for (let index = 0; index < 2; index++) {
      shares.push((await lookupShare(await built(), count, span, scenario.k, 0, { index, of: 2 })).samples);
    }
    expect(shares.map((s) => s.length)).toEqual([5, 4]);
    const merged = mergeShares(shares, count);
    expect(merged).toHaveLength(count);
    expect(merged.every((s) => s !== undefined && s.exact)).toBe(true);
    expect(merged[1]).toBe(shares[1]![0]);
    expect(merged[8]).toBe(shares[0]![4]);
    // The replicas drew the same list: lookup 0 of the whole phase is share 0's first, and
    // share 1 starts with lookup 1 (another origin and target), not with a first draw of its own.
    const whole = (await lookupShare(await built(), count, span, scenario.k, 0, WHOLE)).samples;
    expect(whole[0]).toEqual(shares[0]![0]);
    expect(shares[1]![0]).not.toEqual(shares[0]![0]);
  });
});
