import type { Clock, NodeId, RoutingTable } from "@plexus/core";

/**
 * When each bucket last saw a lookup into its range (paper 2.3: a bucket with no lookup for
 * an hour is refreshed). Lookups record their targets here; maintenance reads it.
 */
export class BucketActivity {
  readonly #table: RoutingTable;
  readonly #clock: Clock;
  /** Clock time of the last `reset()`: the activity of a bucket no lookup has reached since. */
  #since = 0;
  /**
   * Clock time of the last lookup into each bucket's range, grown up to the highest bucket a
   * lookup reached (a table has a dozen or two buckets, not 256). Bound: 256 entries.
   */
  readonly #last: number[] = [];

  constructor(table: RoutingTable, clock: Clock) {
    this.#table = table;
    this.#clock = clock;
  }

  /** Records a lookup of `target` as activity in its bucket. */
  note(target: NodeId): void {
    const index = this.#table.bucketIndexOf(target);
    if (index < 0) return;
    const last = this.#last;
    while (last.length < index) last.push(this.#since);
    last[index] = this.#clock.now();
  }

  /** Clock time of the last lookup into bucket `index`. */
  lastLookup(index: number): number {
    return this.#last[index] ?? this.#since;
  }

  /** Marks every bucket active now (on start). */
  reset(): void {
    this.#since = this.#clock.now();
    this.#last.length = 0;
  }
}
