import { bytesEqual } from "@plexus/core";
import type { NodeId, StoredRecord } from "@plexus/core";
import { ProtocolErrorCode, RecordKind } from "@plexus/wire";
import type { RecordKindCode } from "@plexus/wire";
import { sha256 } from "../platform/hash.js";
import { looksMutable, parseMutableRecord, verifyMutableRecord } from "./mutable-record.js";
import type { MutableRecord } from "./mutable-record.js";

/** Why a record was refused: the wire code to answer with and a short text. */
export interface RecordRefusal {
  readonly ok: false;
  readonly protocolCode: number;
  readonly reason: string;
}

/** The outcome of {@link judgeRecord}. */
export type RecordVerdict = { readonly ok: true; readonly mutable: MutableRecord | undefined } | RecordRefusal;

const ACCEPT_PLAIN: RecordVerdict = { ok: true, mutable: undefined };

function refuse(protocolCode: number, reason: string): RecordRefusal {
  return { ok: false, protocolCode, reason };
}

/** The mutable record `value` holds for `key`, when it is an envelope bound to `key`. */
function mutableFor(key: NodeId, value: Uint8Array): MutableRecord | undefined {
  if (!looksMutable(value)) return undefined;
  const record = parseMutableRecord(value);
  return record && bytesEqual(record.key, key) ? record : undefined;
}

/**
 * Decides whether a record may be stored under `key` over `existing` (docs/protocol.md
 * T3). The kind is the declared one, else read from the content:
 * - **mutable** (declared, or the value is a mutable envelope bound to `key`): the key must
 *   be SHA-256(publicKey || salt), the signature must verify, the seq must exceed the
 *   stored one (equal only with identical bytes: a refresh), and `cas`, when given, must
 *   equal the stored seq;
 * - **immutable** (declared): SHA-256(value) must equal the key;
 * - **plain**: last writer wins, except over a stored mutable record (refused) or a
 *   stored content-addressed one (SHA-256(value) = key: only the same bytes refresh it).
 * Stored mutable records were verified when stored, so only the incoming one is verified.
 * Cost: one SHA-256 of the value for every record, plus one ed25519 verify for a mutable one.
 */
export function judgeRecord(existing: StoredRecord | undefined, key: NodeId, value: Uint8Array,
  kind: RecordKindCode | undefined, cas: number | undefined): RecordVerdict {
  const incoming = kind === RecordKind.PLAIN || kind === RecordKind.IMMUTABLE ? undefined : mutableFor(key, value);
  const stored = existing ? mutableFor(key, existing.value) : undefined;
  if (kind === RecordKind.MUTABLE || incoming) {
    if (!incoming) return refuse(ProtocolErrorCode.BAD_RECORD, "not a mutable record for this key");
    if (!verifyMutableRecord(incoming)) return refuse(ProtocolErrorCode.BAD_SIGNATURE, "signature does not verify");
    if (stored) {
      if (cas !== undefined && cas !== stored.seq) return refuse(ProtocolErrorCode.CAS_MISMATCH, `stored seq is ${stored.seq}`);
      if (incoming.seq < stored.seq) return refuse(ProtocolErrorCode.SEQ_TOO_OLD, `stored seq is ${stored.seq}`);
      if (incoming.seq === stored.seq && !bytesEqual(incoming.bytes, stored.bytes)) {
        return refuse(ProtocolErrorCode.SEQ_TOO_OLD, `seq ${stored.seq} is stored with another value`);
      }
    } else if (existing && bytesEqual(sha256(existing.value), key)) {
      return refuse(ProtocolErrorCode.BAD_RECORD, "an immutable record holds this key");
    }
    return { ok: true, mutable: incoming };
  }
  if (stored) return refuse(ProtocolErrorCode.BAD_RECORD, "a mutable record holds this key");
  if (kind === RecordKind.IMMUTABLE && !bytesEqual(sha256(value), key)) {
    return refuse(ProtocolErrorCode.BAD_RECORD, "key is not SHA-256(value)");
  }
  if (existing && !bytesEqual(existing.value, value) && bytesEqual(sha256(existing.value), key)) {
    return refuse(ProtocolErrorCode.BAD_RECORD, "an immutable record holds this key");
  }
  return ACCEPT_PLAIN;
}
