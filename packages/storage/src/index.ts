/**
 * @plexus/storage: {@link RecordStore} implementations with expiry on the injected Clock.
 * Today an in-memory store with caps; the shared contract suite lives in
 * `@plexus/storage/testing`.
 * @packageDocumentation
 */
export * from "./constants.js";
export { createMemoryStore } from "./memory-store.js";
export type { MemoryStore, MemoryStoreOptions, MemoryStoreStats } from "./memory-store.js";
export { assertStoredRecord, copyRecord } from "./validate-record.js";
