import { IndexedHeap } from "@plexus/core";
import type { Indexed } from "@plexus/core";

/** An item an expiry heap orders: the one that expires first sits on top. */
export interface HeapItem extends Indexed {
  /** Clock time (ms) at which the item expires. */
  readonly expiresAt: number;
}

/**
 * A min-heap on `expiresAt` (core's {@link IndexedHeap}): `remove` and `replace` are O(log n)
 * without lazy tombstones, so it never holds more items than the store holds records
 * (bound: the store's `maxRecords`).
 */
export function expiryHeap<T extends HeapItem>(): IndexedHeap<T> {
  return new IndexedHeap<T>((a, b) => a.expiresAt < b.expiresAt);
}
