import type { CallOptions } from "../api/call-options.js";
import type { PutResult } from "../query/types.js";
import type { MutableRecord, MutableRecordInput } from "./mutable-record.js";

/** Input of `putMutable`: the record to sign, plus an optional compare-and-swap. */
export interface MutablePutInput extends MutableRecordInput {
  /** Store only where the current seq is exactly this (BEP 44 `cas`); not re-sent on republish. */
  readonly cas?: number;
}

/** Outcome of `putMutable`: the put's counts and the signed record. */
export interface MutablePutResult extends PutResult {
  readonly record: MutableRecord;
}

/** Options of `getMutable`. */
export interface GetMutableOptions extends CallOptions {
  /** The salt the record was signed with. @default empty */
  readonly salt?: Uint8Array;
}
