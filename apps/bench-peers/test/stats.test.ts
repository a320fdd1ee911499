import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { median, medianOfDefined, percentile, ratio, summarize } from "../src/stats.js";

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
    expect(percentile([5, 1, 3], 0)).toBe(1);
    expect(percentile([5, 1, 3], 100)).toBe(5);
  });

  it("is undefined for an empty sample and the single value for one sample", () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([7], 95)).toBe(7);
  });

  it("rejects p outside 0..100", () => {
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("lies within the sample's range and grows with p", () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(fc.property(sample, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }),
      (values, p, q) => {
        const low = percentile(values, Math.min(p, q)) as number;
        const high = percentile(values, Math.max(p, q)) as number;
        expect(low).toBeGreaterThanOrEqual(Math.min(...values));
        expect(high).toBeLessThanOrEqual(Math.max(...values));
        expect(low).toBeLessThanOrEqual(high);
      }), { seed: 0x9e7, numRuns: 100 });
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });

  it("skips missing rounds in medianOfDefined", () => {
    expect(medianOfDefined([undefined, 4, 2, Number.NaN, 9])).toBe(4);
    expect(medianOfDefined([undefined])).toBeUndefined();
  });
});

describe("summarize and ratio", () => {
  it("gives p50, p95 and the count", () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(summarize(values)).toEqual({ p50: 50, p95: 95, count: 101 });
  });

  it("divides, and says nothing against a missing or zero side", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(undefined, 2)).toBeUndefined();
    expect(ratio(3, undefined)).toBeUndefined();
    expect(ratio(3, 0)).toBeUndefined();
  });
});
