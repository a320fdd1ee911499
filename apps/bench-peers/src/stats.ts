/**
 * Small statistics helpers for the comparison: percentiles by linear interpolation between
 * closest ranks (the definition of NumPy's default and of Excel's PERCENTILE.INC), medians,
 * and ratios that stay readable when a side is missing or zero.
 */

/**
 * The `p`-th percentile (0..100) of `values`, interpolating linearly between the two
 * closest ranks. `undefined` for an empty list. The input is not modified.
 * @throws RangeError when `p` is outside 0..100 or not a number.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

/** The median (50th percentile) of `values`; `undefined` for an empty list. */
export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

/** The median of the defined entries (a round that had no sample is skipped). */
export function medianOfDefined(values: readonly (number | undefined)[]): number | undefined {
  return median(values.filter((v): v is number => v !== undefined && Number.isFinite(v)));
}

/** p50 and p95 of a latency sample, in the sample's unit. */
export interface LatencySummary {
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  readonly count: number;
}

/** Summarizes a latency sample as p50/p95. */
export function summarize(values: readonly number[]): LatencySummary {
  return { p50: percentile(values, 50), p95: percentile(values, 95), count: values.length };
}

/**
 * `ours / theirs`, or `undefined` when either side is missing or `theirs` is zero
 * (a ratio against nothing says nothing).
 */
export function ratio(ours: number | undefined, theirs: number | undefined): number | undefined {
  if (ours === undefined || theirs === undefined || theirs === 0) return undefined;
  return ours / theirs;
}
