import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../src/testing/index.js";

describe("SeededRandom", () => {
  it("gives the same sequence for the same seed and different ones for different seeds", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new SeededRandom(seed);
        const b = new SeededRandom(seed);
        const seqA = [a.next(), a.int(1000), ...a.bytes(7)];
        const seqB = [b.next(), b.int(1000), ...b.bytes(7)];
        expect(seqA).toEqual(seqB);
        const other = new SeededRandom(seed + 1);
        expect(other.bytes(16)).not.toEqual(new SeededRandom(seed).bytes(16));
      }),
      { seed: 1049, numRuns: 200 },
    );
  });

  it("is stable across platforms and versions (golden values, seed 42)", () => {
    // Simulations replay byte for byte from a seed: changing the generator changes every
    // recorded seed's run, so these values may only change deliberately.
    const r = new SeededRandom(42);
    expect([r.int(1_000_000), r.int(1_000_000), r.int(1_000_000)]).toEqual([239553, 585920, 93234]);
    expect([...r.bytes(8)]).toEqual([42, 3, 220, 50, 120, 64, 117, 114]);
  });

  it("next() is in [0, 1) and int(n) in [0, n)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 2 ** 31 }), (seed, n) => {
        const r = new SeededRandom(seed);
        for (let i = 0; i < 50; i++) {
          const x = r.next();
          expect(x >= 0 && x < 1).toBe(true);
          const v = r.int(n);
          expect(Number.isInteger(v) && v >= 0 && v < n).toBe(true);
        }
      }),
      { seed: 1050, numRuns: 200 },
    );
  });

  it("int(n) covers the whole range", () => {
    const r = new SeededRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(r.int(10));
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("bytes(n) has length n for any n, including 0 and non-multiples of 4", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 70 }), (seed, n) => {
        const bytes = new SeededRandom(seed).bytes(n);
        expect(bytes).toBeInstanceOf(Uint8Array);
        expect(bytes).toHaveLength(n);
      }),
      { seed: 1051, numRuns: 100 },
    );
    const r = new SeededRandom(5);
    const big = r.bytes(4096);
    expect(new Set(big).size).toBe(256); // every byte value shows up
  });

  it("fork() gives an independent, reproducible stream", () => {
    const a = new SeededRandom(11).fork();
    const b = new SeededRandom(11).fork();
    expect(a.bytes(32)).toEqual(b.bytes(32));
    const parent = new SeededRandom(11);
    const child = parent.fork();
    expect(child.bytes(32)).not.toEqual(parent.bytes(32));
  });
});
