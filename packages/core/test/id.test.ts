import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertNodeId,
  bucketIndex,
  bytesEqual,
  commonPrefixLength,
  compareBytes,
  compareDistance,
  idToHex,
  isNodeId,
  isPlexusError,
  randomIdInBucket,
  xorDistance,
} from "../src/index.js";
import { SeededRandom } from "../src/testing/index.js";
import { arbId, bit, toBig } from "./helpers.js";

const d = (a: Uint8Array, b: Uint8Array): bigint => toBig(xorDistance(a, b));

describe("XOR metric (paper section 2.1)", () => {
  it("d(a, a) = 0 and d(a, b) > 0 for a != b", () => {
    fc.assert(
      fc.property(arbId(), arbId(), (a, b) => {
        expect(d(a, a)).toBe(0n);
        expect(d(a, b) === 0n).toBe(bytesEqual(a, b));
      }),
      { seed: 9339, numRuns: 100 },
    );
  });

  it("is symmetric", () => {
    fc.assert(
      fc.property(arbId(), arbId(), (a, b) => {
        expect(d(a, b)).toBe(d(b, a));
      }),
      { seed: 9340, numRuns: 100 },
    );
  });

  it("satisfies the triangle inequality", () => {
    fc.assert(
      fc.property(arbId(), arbId(), arbId(), (a, b, c) => {
        expect(d(a, b) + d(b, c) >= d(a, c)).toBe(true);
      }),
      { seed: 9341, numRuns: 100 },
    );
  });

  it("is unidirectional: for x and a distance there is exactly one y", () => {
    fc.assert(
      fc.property(arbId(), arbId(), arbId(), (x, delta, z) => {
        const y = xorDistance(x, delta); // the candidate: x ^ delta
        expect(xorDistance(x, y)).toEqual(delta);
        expect(bytesEqual(xorDistance(x, z), delta)).toBe(bytesEqual(z, y));
      }),
      { seed: 9342, numRuns: 100 },
    );
  });

  it("agrees with integer XOR and writes into `out` when given", () => {
    fc.assert(
      fc.property(arbId(), arbId(), (a, b) => {
        const out = new Uint8Array(32);
        expect(xorDistance(a, b, out)).toBe(out);
        expect(toBig(out)).toBe(toBig(a) ^ toBig(b));
      }),
      { seed: 9343, numRuns: 100 },
    );
  });
});

describe("compareDistance", () => {
  it("orders like xorDistance + compareBytes and like integer distances", () => {
    fc.assert(
      fc.property(arbId(), arbId(), arbId(), (a, b, t) => {
        const got = Math.sign(compareDistance(a, b, t));
        expect(got).toBe(Math.sign(compareBytes(xorDistance(a, t), xorDistance(b, t))));
        const [da, db] = [d(a, t), d(b, t)];
        expect(got).toBe(da < db ? -1 : da > db ? 1 : 0);
      }),
      { seed: 9344, numRuns: 100 },
    );
  });

  it("is zero only for equal ids", () => {
    fc.assert(
      fc.property(arbId(), arbId(), (a, t) => {
        expect(compareDistance(a, a, t)).toBe(0);
        expect(compareDistance(a, t, t)).toBeGreaterThanOrEqual(0);
      }),
      { seed: 9345, numRuns: 100 },
    );
  });
});

describe("commonPrefixLength / bucketIndex", () => {
  const oracle = (a: Uint8Array, b: Uint8Array): number => {
    let i = 0;
    while (i < 256 && bit(a, i) === bit(b, i)) i++;
    return i;
  };

  it("counts shared leading bits", () => {
    fc.assert(
      fc.property(arbId(), fc.integer({ min: 0, max: 256 }), (a, flip) => {
        const b = a.slice();
        if (flip < 256) b[flip >> 3]! ^= 0x80 >> (flip & 7);
        expect(commonPrefixLength(a, b)).toBe(flip);
        expect(commonPrefixLength(b, a)).toBe(flip);
        expect(bucketIndex(a, b)).toBe(flip === 256 ? -1 : flip);
      }),
      { seed: 9346, numRuns: 100 },
    );
    fc.assert(
      fc.property(arbId(), arbId(), (a, b) => {
        expect(commonPrefixLength(a, b)).toBe(oracle(a, b));
      }),
      { seed: 9347, numRuns: 100 },
    );
  });

  it("places bucket i at distances in [2^(255-i), 2^(256-i))", () => {
    fc.assert(
      fc.property(arbId(), arbId(), (self, id) => {
        const i = bucketIndex(self, id);
        fc.pre(i >= 0);
        const dist = d(self, id);
        expect(dist >= 1n << BigInt(255 - i) && dist < 1n << BigInt(256 - i)).toBe(true);
      }),
      { seed: 9348, numRuns: 100 },
    );
  });
});

describe("randomIdInBucket", () => {
  it("shares exactly `index` leading bits with self", () => {
    fc.assert(
      fc.property(arbId(), fc.integer({ min: 0, max: 255 }), fc.integer(), (self, index, seed) => {
        const id = randomIdInBucket(self, index, new SeededRandom(seed));
        expect(id).toHaveLength(32);
        expect(commonPrefixLength(self, id)).toBe(index);
        expect(bucketIndex(self, id)).toBe(index);
      }),
      { seed: 9349, numRuns: 500 },
    );
  });

  it("is deterministic per seed and random below the prefix", () => {
    const self = new Uint8Array(32);
    const a = randomIdInBucket(self, 3, new SeededRandom(7));
    expect(randomIdInBucket(self, 3, new SeededRandom(7))).toEqual(a);
    const seen = new Set<string>();
    const random = new SeededRandom(1);
    for (let i = 0; i < 300; i++) seen.add(idToHex(randomIdInBucket(self, 250, random)));
    expect(seen.size).toBe(32); // 5 free bits below the prefix: every one of the 32 ids shows up
  });

  it.each([-1, 256, 1.5, Number.NaN])("rejects index %d with ERR_INVALID_ARGUMENT", (index) => {
    expect(() => randomIdInBucket(new Uint8Array(32), index, new SeededRandom(1))).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }),
    );
  });
});

describe("isNodeId / assertNodeId", () => {
  it("accepts exactly 32-byte Uint8Arrays", () => {
    expect(isNodeId(new Uint8Array(32))).toBe(true);
    for (const bad of [new Uint8Array(31), new Uint8Array(33), new Array(32).fill(0), "00".repeat(32), undefined]) {
      expect(isNodeId(bad)).toBe(false);
      try {
        assertNodeId(bad, "key");
        expect.unreachable();
      } catch (err) {
        expect(isPlexusError(err, "ERR_INVALID_ID")).toBe(true);
      }
    }
  });
});
