import { ID_BITS } from "@plexus/core";
import type { Clock, NodeId, RoutingTable } from "@plexus/core";

/**
 * When each bucket last saw a lookup into its range (paper 2.3: a bucket with no lookup for
 * an hour is refreshed). Lookups record their targets here; maintenance reads it.
 */
export class BucketActivity {
  readonly #table: RoutingTable;
  readonly #clock: Clock;
  /** Clock time of the last lookup into each bucket's range. Bound: 256 entries. */
  readonly #last = new Float64Array(ID_BITS);

  constructor(table: RoutingTable, clock: Clock) {
    this.#table = table;
    this.#clock = clock;
  }

  /** Records a lookup of `target` as activity in its bucket. */
  note(target: NodeId): void {
    const index = this.#table.bucketIndexOf(target);
    if (index >= 0) this.#last[index] = this.#clock.now();
  }

  /** Clock time of the last lookup into bucket `index`. */
  lastLookup(index: number): number {
    return this.#last[index]!;
  }

  /** Marks every bucket active now (on start). */
  reset(): void {
    this.#last.fill(this.#clock.now());
  }
}
