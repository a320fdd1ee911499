import { bytesEqual } from "@plexus/core";
import type { Clock, NodeId, RecordStore } from "@plexus/core";
import { RecordKind } from "@plexus/wire";
import { RemoteError } from "../api/errors.js";
import type { NodeIdentity } from "../identity/identity.js";
import { sha256 } from "../platform/hash.js";
import { drain } from "../query/drain.js";
import type { Lookups } from "../query/lookups.js";
import type { PutEvent, PutRecord, PutResult } from "../query/types.js";
import type { Counters } from "../stats/counters.js";
import { mutableKey, parseMutableRecord, signMutableRecord, verifyMutableRecord } from "./mutable-record.js";
import type { MutableRecord } from "./mutable-record.js";
import { RecordError, recordErrorCodeOf } from "./record-error.js";
import type { RecordErrorCode } from "./record-error.js";
import type { MutablePutInput } from "./types.js";

/** What verified records use. */
export interface VerifiedRecordComponents {
  readonly store: RecordStore;
  readonly clock: Clock;
  readonly lookups: Lookups;
  /** `forgedValues` counts the values a get dropped. */
  readonly counters: Counters;
  /** A put's steps (runPut with the node's parts). */
  readonly put: (record: PutRecord, signal: AbortSignal | undefined) => AsyncGenerator<PutEvent, PutResult, void>;
}

/** Drains a put; collects the record error codes the replicas answered with. */
async function drainPut(parts: VerifiedRecordComponents, record: PutRecord, signal: AbortSignal | undefined)
  : Promise<{ result: PutResult; refusals: RecordErrorCode[] }> {
  const refusals: RecordErrorCode[] = [];
  const result = await drain(parts.put(record, signal), (event) => {
    if (event.type === "store-failed" && event.error instanceof RemoteError) {
      const code = recordErrorCodeOf(event.error.protocolCode);
      if (code !== undefined) refusals.push(code);
    }
  });
  return { result, refusals };
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
export async function putVerified(parts: VerifiedRecordComponents, record: PutRecord, signal: AbortSignal | undefined): Promise<PutResult> {
  const { result, refusals } = await drainPut(parts, record, signal);
  throwIfRefused(result, refusals);
  return result;
}

/** The PutRecord of an immutable item: key = SHA-256(value). */
export function immutablePutRecord(self: NodeId, value: Uint8Array, ttlMs: number): PutRecord {
  return { key: sha256(value), value: value.slice(), ttlMs, publisher: self, kind: RecordKind.IMMUTABLE };
}

/**
 * Signs `input` with the node's identity and returns the record and its PutRecord.
 * @throws RecordError `ERR_NO_IDENTITY` without an identity component.
 */
export function mutablePutRecord(identity: NodeIdentity | undefined, input: MutablePutInput, ttlMs: number)
  : { record: MutableRecord; put: PutRecord } {
  if (!identity) throw new RecordError("ERR_NO_IDENTITY", "signing a mutable record needs the node's identity component");
  const record = signMutableRecord(identity, input);
  const put: PutRecord = {
    key: record.key, value: record.bytes, ttlMs, publisher: identity.id, kind: RecordKind.MUTABLE,
    ...(input.cas !== undefined ? { cas: input.cas } : {}),
  };
  return { record, put };
}

/**
 * The value whose SHA-256 is `key`: this node's store first, then a FIND_VALUE lookup that
 * drops any reply whose value does not hash to `key` (counted in `forgedValues`) and asks on
 * (docs/protocol.md 10.4); the first value that hashes to `key` ends it.
 */
export async function getImmutableValue(parts: VerifiedRecordComponents, key: NodeId, signal: AbortSignal | undefined)
  : Promise<Uint8Array | undefined> {
  const matches = (value: Uint8Array): boolean => bytesEqual(sha256(value), key);
  const local = parts.store.get(key);
  if (local && local.expiresAt > parts.clock.now() && matches(local.value)) return local.value;
  const accept = (value: Uint8Array): boolean => {
    if (matches(value)) return true;
    parts.counters.forgedValues++;
    return false;
  };
  const outcome = await drain(parts.lookups.walk(key, { signal, findValue: true, events: false, accept }));
  return outcome.found?.value;
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
export async function getMutableRecord(parts: VerifiedRecordComponents, publicKey: Uint8Array, salt: Uint8Array | undefined,
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
  const local = parts.store.get(key);
  if (local && local.expiresAt > parts.clock.now()) consider(local.value);
  // Values arrive through `consider`.
  const accept = (bytes: Uint8Array): boolean => {
    if (consider(bytes)) return true;
    parts.counters.forgedValues++;
    return false;
  };
  await drain(parts.lookups.walk(key, { signal, findValue: true, events: false, accept, collect: true }));
  return best;
}
