/**
 * @plexus/storage: `RecordStore` (the contract in `@plexus/core`) implementations with expiry on the injected Clock.
 * This entry holds the portable in-memory store with caps; the persistent LMDB store is in
 * `@plexus/storage/lmdb` (it loads a native addon) and the shared contract suite in
 * `@plexus/storage/testing`.
 * @packageDocumentation
 */
export * from "./constants.js";
export { createMemoryStore } from "./memory-store.js";
export type { MemoryStore, MemoryStoreOptions, MemoryStoreStats } from "./memory-store.js";
export { recordMemoryBytes, RECORD_OVERHEAD_BYTES, PUBLISHER_OVERHEAD_BYTES } from "./memory-size.js";
export { assertStoredRecord, copyRecord } from "./validate-record.js";
