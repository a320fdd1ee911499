/** Small pure statistics helpers; every result is a plain JSON-safe value. */

/** Arithmetic mean (0 for an empty list). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Nearest-rank percentile, `p` in [0, 100] (0 for an empty list). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Counts of each non-negative integer value: index i holds how many values equal i. */
export function histogram(values: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    const i = Math.max(0, Math.round(v));
    while (out.length <= i) out.push(0);
    out[i]!++;
  }
  return out;
}

/** Empirical CDF as at most `points` [value, fraction] pairs. */
export function cdf(values: readonly number[], points = 100): [number, number][] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const out: [number, number][] = [];
  const step = Math.max(1, Math.floor(sorted.length / points));
  for (let i = step - 1; i < sorted.length; i += step) out.push([round(sorted[i]!), (i + 1) / sorted.length]);
  const last = sorted.length - 1;
  if (out.length === 0 || out[out.length - 1]![1] !== 1) out.push([round(sorted[last]!), 1]);
  return out;
}

/** Rounds to 3 decimals (keeps results.json short and stable). */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A fraction in [0, 1] as a rounded ratio (0 when `total` is 0). */
export function ratio(part: number, total: number): number {
  return total === 0 ? 0 : round(part / total, 5);
}
