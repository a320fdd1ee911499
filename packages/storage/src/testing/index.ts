/**
 * Test helpers for record stores: the shared {@link recordStoreContract} suite that every
 * `RecordStore` implementation (memory today, LMDB later) runs. Imports `vitest`, so use it
 * only from test files.
 * @packageDocumentation
 */
export { CONTRACT_LIMITS, recordStoreContract } from "./record-store-contract.js";
export type { RecordStoreFactory, RecordStoreLimits } from "./record-store-contract.js";
