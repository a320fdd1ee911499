/**
 * Upper bounds (ms) of the latency buckets: powers of two from 1/8 ms (a loopback round
 * trip) to 65,536 ms (past every default timeout), then +Inf. Fixed, so a histogram's
 * memory is bounded (21 counts) whatever it records, and two nodes' histograms add up.
 */
export const LATENCY_BUCKETS_MS: readonly number[] = Object.freeze(Array.from({ length: 20 }, (_, i) => 2 ** (i - 3)));

/** A plain copy of a {@link Histogram}: what `stats()` returns. */
export interface HistogramSnapshot {
  /** Observations recorded. */
  readonly count: number;
  /** Their sum, in ms. */
  readonly sum: number;
  /** Smallest and largest observation (0 before the first). */
  readonly min: number;
  readonly max: number;
  /** Upper bounds (ms) of the finite buckets, ascending; the last bucket is +Inf. */
  readonly bounds: readonly number[];
  /**
   * Observations per bucket, `bounds.length + 1` entries (not cumulative): `counts[i]`
   * those in (bounds[i-1], bounds[i]], the last those above every bound.
   */
  readonly counts: readonly number[];
  /** Quantiles estimated from the buckets (see {@link quantile}); 0 before the first. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/**
 * A latency histogram on fixed log-scale buckets ({@link LATENCY_BUCKETS_MS}). Bound: one
 * count per bucket (21 numbers, allocated at the first record: most nodes of a large
 * simulation never put or get) plus count, sum, min and max; recording is a short scan.
 */
export class Histogram {
  readonly #bounds: readonly number[];
  /** Bound: `bounds.length + 1` entries, made at the first record. */
  #counts: number[] | undefined;
  #count = 0;
  #sum = 0;
  #min = 0;
  #max = 0;

  constructor(bounds: readonly number[] = LATENCY_BUCKETS_MS) {
    this.#bounds = bounds;
  }

  /** Records one observation (ms); negative or NaN values are ignored. */
  record(ms: number): void {
    if (!(ms >= 0)) return;
    const bounds = this.#bounds;
    let i = 0;
    while (i < bounds.length && ms > bounds[i]!) i++;
    const counts = this.#counts ??= new Array<number>(bounds.length + 1).fill(0);
    counts[i]!++;
    if (this.#count === 0 || ms < this.#min) this.#min = ms;
    if (ms > this.#max) this.#max = ms;
    this.#count++;
    this.#sum += ms;
  }

  snapshot(): HistogramSnapshot {
    const base = { count: this.#count, sum: this.#sum, min: this.#min, max: this.#max, bounds: this.#bounds, counts: this.#counts ? [...this.#counts] : new Array<number>(this.#bounds.length + 1).fill(0) };
    return { ...base, p50: quantile(base, 0.5), p95: quantile(base, 0.95), p99: quantile(base, 0.99) };
  }
}

/**
 * The `q` quantile (0..1) estimated from bucket counts, as Prometheus' `histogram_quantile`
 * does: find the bucket holding rank `q * count` and interpolate linearly inside it, then
 * clamp to the observed [min, max] (the +Inf bucket's upper edge is `max`). Exact at the
 * bucket edges; inside a bucket off by at most its width (a factor of two).
 */
export function quantile(h: Pick<HistogramSnapshot, "count" | "min" | "max" | "bounds" | "counts">, q: number): number {
  if (h.count === 0) return 0;
  const rank = Math.min(1, Math.max(0, q)) * h.count;
  let below = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const inBucket = h.counts[i]!;
    if (inBucket > 0 && below + inBucket >= rank) {
      const lower = i === 0 ? 0 : h.bounds[i - 1]!;
      const upper = i < h.bounds.length ? h.bounds[i]! : h.max;
      const value = lower + (upper - lower) * ((rank - below) / inBucket);
      return Math.min(h.max, Math.max(h.min, value));
    }
    below += inBucket;
  }
  return h.max;
}
