import type { StoredRecord } from "@plexus/core";

/**
 * Heap bytes a memory-store record costs besides its value and publisher: the key (a
 * 32-byte `Uint8Array` and its packed 16-unit string), the frozen record object, the
 * store's entry, its `Map` slot and expiry-heap slot. An estimate, measured on Node 22
 * (V8, 64-bit, pointer compression): 50,000 records with empty values took 662 heap bytes
 * each, with 16-byte values 690 (`process.memoryUsage()` after `gc()`, built package).
 */
export const RECORD_OVERHEAD_BYTES = 680;

/**
 * Heap bytes of a record's `publisher` (a 32-byte `Uint8Array`, its buffer and the
 * property): measured as the difference with and without one, about 200-230 bytes.
 */
export const PUBLISHER_OVERHEAD_BYTES = 210;

/**
 * An estimate of the memory one record costs in a memory store: its value bytes plus
 * {@link RECORD_OVERHEAD_BYTES}, plus {@link PUBLISHER_OVERHEAD_BYTES} when it names a
 * publisher. Signatures of mutable records live inside the value and are counted there.
 * Measured against `process.memoryUsage()` (heap plus array buffers, after `gc()`) with
 * 5,000-50,000 records: within 5 % for values of 0, 16, 100, 1,000 and 10,000 bytes.
 * Used for the memory store's `maxMemoryBytes` and by the node's per-subnet store shares.
 */
export function recordMemoryBytes(record: Pick<StoredRecord, "value" | "publisher">): number {
  return RECORD_OVERHEAD_BYTES + record.value.length + (record.publisher !== undefined ? PUBLISHER_OVERHEAD_BYTES : 0);
}
