/** Default cap on the number of records a memory store holds. */
export const DEFAULT_MAX_RECORDS = 65_536;
/** Default cap on the total value bytes a memory store holds (64 MiB). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Default cap on one record's value (64 KiB); larger values cannot cross UDP anyway. */
export const DEFAULT_MAX_VALUE_BYTES = 64 * 1024;
/**
 * Default cap on the memory a memory store's records take (64 MiB), as estimated by
 * `recordMemoryBytes` (value, key, publisher and per-record overhead).
 */
export const DEFAULT_MAX_MEMORY_BYTES = 64 * 1024 * 1024;
