/**
 * @plexus/core: ids, XOR distance, k-buckets, the routing table, contacts, byte helpers,
 * errors and the type-only contracts (Transport, Clock, Random, RecordStore) that the
 * other Plexus packages implement. Pure: no I/O, no Node built-ins.
 * @packageDocumentation
 */
export * from "./constants.js";
export * from "./errors.js";
export * from "./bytes.js";
export * from "./id.js";
export * from "./ip.js";
export * from "./address-scope.js";
export * from "./bound-id.js";
export * from "./address.js";
export type * from "./contact.js";
export * from "./k-bucket.js";
export * from "./routing-table.js";
export { IndexedHeap } from "./indexed-heap.js";
export { setNewest } from "./bounded-map.js";
export type { Indexed } from "./indexed-heap.js";
export type * from "./contracts.js";
export * from "./call-options.js";
export { namespaceFilter } from "./log-namespaces.js";
export { createDebugLogger, silentLog, silentLogger } from "./debug-logger.js";
export type { DebugLoggerOptions } from "./debug-logger.js";
