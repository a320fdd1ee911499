import { addressKey, isPlexusError, toHex } from "@plexus/core";
import type { Address, Clock, Log, RecordStore } from "@plexus/core";
import { ProtocolErrorCode } from "@plexus/wire";
import type { StoreMessage } from "@plexus/wire";
import { judgeRecord } from "../records/judge-record.js";
import type { StoreQuota } from "../records/store-quota.js";
import type { StoreTokens } from "../records/store-tokens.js";
import type { Responder } from "../rpc/responder.js";
import type { Counters } from "../stats/counters.js";
import type { RequestHandler } from "./handler.js";

/** What STORE answers use. */
export interface StoreParts {
  readonly responder: Responder;
  readonly tokens: StoreTokens;
  readonly store: RecordStore;
  /** Puts for others through the per-subnet shares (records/store-quota.ts). */
  readonly quota: StoreQuota;
  readonly clock: Clock;
  readonly counters: Counters;
  readonly maxValueBytes: number;
  readonly maxTtlMs: number;
  readonly requireStoreTokens: boolean;
  /** `plexus:records`: each STORE stored or refused (with its protocol code). @default silent */
  readonly log?: Log | undefined;
}

/** The name of a protocol error code (`STORE_FULL`), for logs. */
function protocolCodeName(code: number): string {
  return Object.entries(ProtocolErrorCode).find(([, value]) => value === code)?.[0] ?? String(code);
}

/**
 * STORE -> STORED, or ERROR(VALUE_TOO_LARGE / STORE_FULL / BAD_REQUEST) (paper 2.5), or
 * ERROR(BAD_TOKEN) without a valid store token for the source address (when
 * `requireStoreTokens`), or a record error (BAD_RECORD, BAD_SIGNATURE, SEQ_TOO_OLD,
 * CAS_MISMATCH) when the record may not replace what is stored (docs/protocol.md 10.3-10.4).
 * The record goes in through the quota: STORE_FULL when the source's subnet holds its share
 * of the store; when the store is full, records of the subnet holding the most make room.
 * The TTL is capped at `maxTtlMs`; expiry is purely by TTL. `storedAt` is now, so this
 * node skips republishing the record for one replica interval (paper 2.5 optimization).
 */
export function storeHandler(parts: StoreParts): RequestHandler<StoreMessage> {
  const { responder, counters, log } = parts;
  return (message: StoreMessage, from: Address): void => {
    const { rid } = message;
    const fail = (code: number, text: string): void => {
      counters.storesRejected++;
      if (log?.enabled) log.debug("store refused", { code: protocolCodeName(code), reason: text, key: toHex(message.key), from: addressKey(from) });
      responder.send(from, { type: "ERROR", rid, sender: responder.self, code, message: text });
    };
    if (message.value.length > parts.maxValueBytes) {
      fail(ProtocolErrorCode.VALUE_TOO_LARGE, `value over ${parts.maxValueBytes} bytes`);
      return;
    }
    if (!(message.ttlMs > 0)) {
      fail(ProtocolErrorCode.BAD_REQUEST, "ttlMs must be > 0");
      return;
    }
    if (parts.requireStoreTokens && !parts.tokens.check(message.token, from)) {
      fail(ProtocolErrorCode.BAD_TOKEN, "missing or invalid store token");
      return;
    }
    const verdict = judgeRecord(parts.store.get(message.key), message.key, message.value, message.kind, message.cas);
    if (!verdict.ok) {
      fail(verdict.protocolCode, verdict.reason);
      return;
    }
    const now = parts.clock.now();
    const record = {
      key: message.key, value: message.value, expiresAt: now + Math.min(message.ttlMs, parts.maxTtlMs), storedAt: now,
      ...(message.publisher ? { publisher: message.publisher } : {}),
    };
    parts.quota.put(record, from.host).then(
      () => {
        counters.storesAccepted++;
        if (log?.enabled) log.debug("stored", { key: toHex(message.key), bytes: message.value.length, from: addressKey(from) });
        responder.send(from, { type: "STORED", rid, sender: responder.self });
      },
      (err: unknown) => {
        if (isPlexusError(err, "ERR_VALUE_TOO_LARGE")) fail(ProtocolErrorCode.VALUE_TOO_LARGE, "value too large");
        else if (isPlexusError(err, "ERR_STORE_FULL")) fail(ProtocolErrorCode.STORE_FULL, "store full");
        else fail(ProtocolErrorCode.BAD_REQUEST, "record rejected");
      },
    );
  };
}
