import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Histogram, LATENCY_BUCKETS_MS, quantile } from "../src/index.js";

describe("latency histogram", () => {
  it("has log-scale bounds from 1/8 ms to 65,536 ms", () => {
    expect(LATENCY_BUCKETS_MS[0]).toBe(0.125);
    expect(LATENCY_BUCKETS_MS.at(-1)).toBe(65_536);
    for (let i = 1; i < LATENCY_BUCKETS_MS.length; i++) expect(LATENCY_BUCKETS_MS[i]).toBe(LATENCY_BUCKETS_MS[i - 1]! * 2);
  });

  it("puts a value on a bound into that bound's bucket (le, as Prometheus), above every bound into +Inf", () => {
    const h = new Histogram();
    for (const ms of [0, 0.125, 0.13, 1, 1.5, 2, 65_536, 70_000]) h.record(ms);
    h.record(-1);
    h.record(Number.NaN);
    const s = h.snapshot();
    expect(s.count).toBe(8);
    expect(s.sum).toBeCloseTo(0 + 0.125 + 0.13 + 1 + 1.5 + 2 + 65_536 + 70_000);
    expect(s.counts).toHaveLength(LATENCY_BUCKETS_MS.length + 1);
    const at = (bound: number): number => s.counts[LATENCY_BUCKETS_MS.indexOf(bound)]!;
    expect(at(0.125)).toBe(2); // 0 and 0.125
    expect(at(0.25)).toBe(1); // 0.13
    expect(at(1)).toBe(1);
    expect(at(2)).toBe(2); // 1.5 and 2
    expect(at(65_536)).toBe(1);
    expect(s.counts.at(-1)).toBe(1); // 70,000 in +Inf
    expect([s.min, s.max]).toEqual([0, 70_000]);
  });

  it("keeps a fixed size whatever it records", () => {
    const h = new Histogram();
    for (let i = 0; i < 100_000; i++) h.record((i * 7919) % 100_000);
    const s = h.snapshot();
    expect(s.counts).toHaveLength(21);
    expect(s.counts.reduce((a, b) => a + b, 0)).toBe(100_000);
  });

  it("is empty before the first record", () => {
    const s = new Histogram().snapshot();
    expect([s.count, s.sum, s.p50, s.p95, s.p99]).toEqual([0, 0, 0, 0, 0]);
  });

  it("interpolates inside the bucket (histogram_quantile) and clamps to the observed range", () => {
    const h = new Histogram();
    for (let i = 0; i < 100; i++) h.record(3); // all in (2, 4]
    const s = h.snapshot();
    expect([s.p50, s.p95, s.p99]).toEqual([3, 3, 3]); // clamped to min = max = 3
    const two = new Histogram();
    for (let i = 0; i < 50; i++) two.record(10); // (8, 16]
    for (let i = 0; i < 50; i++) two.record(100); // (64, 128]
    const t = two.snapshot();
    expect(t.p50).toBe(16); // rank 50: the top edge of the first bucket
    expect(t.p99).toBe(100); // interpolates to 127.36, clamped to the max
    expect(quantile(t, 0.75)).toBe(96); // halfway through (64, 128]
  });

  it("estimates any quantile within its bucket: between half and twice the exact value (fast-check, seed 17)", () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 0.2, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      (values, q) => {
        const h = new Histogram();
        for (const v of values) h.record(v);
        const sorted = [...values].sort((a, b) => a - b);
        const exact = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
        const estimate = quantile(h.snapshot(), q);
        expect(estimate).toBeGreaterThanOrEqual(exact / 2);
        expect(estimate).toBeLessThanOrEqual(exact * 2);
      }), { seed: 17, numRuns: 300 });
  });
});
