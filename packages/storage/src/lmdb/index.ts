/**
 * @plexus/storage/lmdb: the persistent {@link LmdbStore}, a `RecordStore` on LMDB with the
 * memory store's semantics plus a small named-blob ("meta") side. A separate entry point
 * because it loads LMDB's native addon: the main `@plexus/storage` entry stays portable.
 * @packageDocumentation
 */
export { createLmdbStore, createLmdbStoreSync } from "./lmdb-store.js";
export type { LmdbStore, LmdbStoreErrorCode, LmdbStoreOptions, LmdbStoreStats } from "./lmdb-store.js";
export type { LmdbMissingCode } from "./load-lmdb.js";
export { MAX_META_NAME_LENGTH, MAX_META_VALUE_BYTES } from "./constants.js";
export { LMDB_RECORD_FORMAT, LMDB_RECORD_HEADER_BYTES } from "./lmdb-record-codec.js";
