import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { RecordKind } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import { RemoteError } from "../errors.js";
import { sha256 } from "../hash.js";
import { runLookup } from "../lookup.js";
import { runPut } from "../put.js";
import type { PutRecord } from "../put.js";
import type { CallOptions, PutResult } from "../types.js";
import { mutableKey, parseMutableRecord, signMutableRecord, verifyMutableRecord } from "./mutable-record.js";
import type { MutableRecord, MutableRecordInput } from "./mutable-record.js";
import { RecordError, recordErrorCodeOf } from "./record-error.js";
import type { RecordErrorCode } from "./record-error.js";

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

/** Drains a put; collects the record error codes the replicas answered with. */
async function drainPut(ctx: NodeContext, record: PutRecord, signal: AbortSignal | undefined)
  : Promise<{ result: PutResult; refusals: RecordErrorCode[] }> {
  const it = runPut(ctx, record, signal);
  const refusals: RecordErrorCode[] = [];
  for (;;) {
    const r = await it.next();
    if (r.done) return { result: r.value, refusals };
    const event = r.value;
    if (event.type === "store-failed" && event.error instanceof RemoteError) {
      const code = recordErrorCodeOf(event.error.protocolCode);
      if (code !== undefined) refusals.push(code);
    }
  }
}

/** When nobody stored the record and replicas refused it, their most frequent refusal. */
function throwIfRefused(result: PutResult, refusals: readonly RecordErrorCode[]): void {
  if (result.stored > 0 || result.local || refusals.length === 0) return;
  const counts = new Map<RecordErrorCode, number>();
  for (const code of refusals) counts.set(code, (counts.get(code) ?? 0) + 1);
  const [code] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  throw new RecordError(code, `every replica refused the record (${refusals.length}x, mostly ${code})`);
}

/**
 * Stores `record` (a plain, immutable or mutable one) on the k closest nodes and reports
 * refusals as {@link RecordError}s.
 * @throws RecordError when no node stored it and the replicas refused it with a record code.
 */
export async function putVerified(ctx: NodeContext, record: PutRecord, signal: AbortSignal | undefined): Promise<PutResult> {
  const { result, refusals } = await drainPut(ctx, record, signal);
  throwIfRefused(result, refusals);
  return result;
}

/** The PutRecord of an immutable item: key = SHA-256(value). */
export function immutablePutRecord(ctx: NodeContext, value: Uint8Array, ttlMs: number): PutRecord {
  return { key: sha256(value), value: value.slice(), ttlMs, publisher: ctx.self, kind: RecordKind.IMMUTABLE };
}

/**
 * Signs `input` with the node's identity and returns the record and its PutRecord.
 * @throws RecordError `ERR_NO_IDENTITY` without an identity component.
 */
export function mutablePutRecord(ctx: NodeContext, input: MutablePutInput, ttlMs: number): { record: MutableRecord; put: PutRecord } {
  if (!ctx.identity) throw new RecordError("ERR_NO_IDENTITY", "signing a mutable record needs the node's identity component");
  const record = signMutableRecord(ctx.identity, input);
  const put: PutRecord = {
    key: record.key, value: record.bytes, ttlMs, publisher: ctx.self, kind: RecordKind.MUTABLE,
    ...(input.cas !== undefined ? { cas: input.cas } : {}),
  };
  return { record, put };
}

/**
 * The value whose SHA-256 is `key`: this node's store first, then a FIND_VALUE lookup that
 * drops any reply whose value does not hash to `key` and asks on (docs/protocol.md T3).
 */
export async function getImmutableValue(ctx: NodeContext, key: NodeId, signal: AbortSignal | undefined): Promise<Uint8Array | undefined> {
  const matches = (value: Uint8Array): boolean => bytesEqual(sha256(value), key);
  const local = ctx.store.get(key);
  if (local && local.expiresAt > ctx.clock.now() && matches(local.value)) return local.value;
  const it = runLookup(ctx, key, true, signal, true, { accept: matches });
  for (;;) {
    const r = await it.next();
    if (r.done) return r.value.found?.value;
  }
}

/** A verified copy of the mutable record for `key` in `bytes`, or `undefined`. */
export function verifiedMutable(key: NodeId, bytes: Uint8Array): MutableRecord | undefined {
  const record = parseMutableRecord(bytes);
  if (!record || !bytesEqual(record.key, key) || !verifyMutableRecord(record)) return undefined;
  return parseMutableRecord(bytes.slice());
}

/**
 * The highest-seq valid mutable record owned by `publicKey` under `salt`: a FIND_VALUE
 * lookup that runs to convergence, verifies every value it gets (a forged or mismatched
 * one counts as a failed reply) and keeps the highest seq, with this node's copy too.
 */
export async function getMutableRecord(ctx: NodeContext, publicKey: Uint8Array, salt: Uint8Array | undefined,
  signal: AbortSignal | undefined): Promise<MutableRecord | undefined> {
  const key = mutableKey(publicKey, salt);
  let best: MutableRecord | undefined;
  // Replicas mostly return the same envelope: verify each distinct one once (bound: one per reply).
  const verified: Uint8Array[] = [];
  const consider = (bytes: Uint8Array): boolean => {
    if (verified.some((v) => bytesEqual(v, bytes))) return true;
    const record = verifiedMutable(key, bytes);
    if (record) verified.push(record.bytes);
    if (record && (!best || record.seq > best.seq)) best = record;
    return record !== undefined;
  };
  const local = ctx.store.get(key);
  if (local && local.expiresAt > ctx.clock.now()) consider(local.value);
  const it = runLookup(ctx, key, true, signal, true, { accept: consider, collect: true });
  while (!(await it.next()).done) { /* values arrive through `consider` */ }
  return best;
}
