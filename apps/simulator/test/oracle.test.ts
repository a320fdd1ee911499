import { compareDistance } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { ClosestOracle } from "../src/oracle.js";

/** The reference: every live id sorted by XOR distance to `target`. */
function bruteForce(live: readonly NodeId[], target: NodeId, count: number): NodeId[] {
  return [...live].sort((a, b) => compareDistance(a, b, target)).slice(0, count);
}

const hex = (ids: readonly NodeId[]): string[] => ids.map((id) => Buffer.from(id).toString("hex"));

/** A random id; with `cluster`, its first `cluster` bytes are those of `base` (ids that share long prefixes). */
function makeId(random: SeededRandom, base: NodeId, cluster: number): NodeId {
  const id = random.bytes(32);
  id.set(base.subarray(0, cluster));
  return id;
}

describe("ClosestOracle", () => {
  it("answers like a brute-force sort through adds and removes, for spread and clustered ids", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const random = new SeededRandom(seed);
      const oracle = new ClosestOracle();
      const live: NodeId[] = [];
      const base = random.bytes(32);
      const steps = 20 + random.int(300);
      for (let step = 0; step < steps; step++) {
        if (live.length > 0 && random.next() < 0.3) {
          const [gone] = live.splice(random.int(live.length), 1);
          oracle.remove(gone!);
          expect(oracle.has(gone!)).toBe(false);
        } else {
          // Up to 5 shared leading bytes: runs deeper than the 32-bit head (ties on it).
          const id = makeId(random, base, random.int(6));
          live.push(id);
          oracle.add(id);
        }
        expect(oracle.size).toBe(live.length);
        const target = makeId(random, base, random.int(6));
        const count = 1 + random.int(25);
        expect(hex(oracle.closest(target, count))).toEqual(hex(bruteForce(live, target, count)));
      }
      for (const id of live) expect(oracle.has(id)).toBe(true);
    }
  });

  it("ignores a second add of the same id and a remove of an unknown one", () => {
    const random = new SeededRandom(7);
    const oracle = new ClosestOracle();
    const a = random.bytes(32);
    oracle.add(a);
    oracle.add(Uint8Array.from(a));
    oracle.remove(random.bytes(32));
    expect(oracle.size).toBe(1);
    expect(oracle.closest(random.bytes(32), 3)).toEqual([a]);
    expect(oracle.closest(a, 0)).toEqual([]);
  });
});
