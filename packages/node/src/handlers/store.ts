import { isPlexusError } from "@plexus/core";
import type { Address } from "@plexus/core";
import { ProtocolErrorCode } from "@plexus/wire";
import type { StoreMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import { judgeRecord } from "../records/judge-record.js";

/**
 * STORE -> STORED, or ERROR(VALUE_TOO_LARGE / STORE_FULL / BAD_REQUEST) (paper 2.5), or
 * ERROR(BAD_TOKEN) without a valid store token for the source address (when
 * `requireStoreTokens`), or a record error (BAD_RECORD, BAD_SIGNATURE, SEQ_TOO_OLD,
 * CAS_MISMATCH) when the record may not replace what is stored (docs/protocol.md T2-T3).
 * The TTL is capped at `maxTtlMs`; expiry is purely by TTL. `storedAt` is now, so this
 * node skips republishing the record for one replica interval (paper 2.5 optimization).
 */
export function handleStore(ctx: NodeContext, message: StoreMessage, from: Address): void {
  const { rid } = message;
  const fail = (code: number, text: string): void => {
    ctx.counters.storesRejected++;
    ctx.reply(from, { type: "ERROR", rid, sender: ctx.self, code, message: text });
  };
  if (message.value.length > ctx.config.maxValueBytes) {
    fail(ProtocolErrorCode.VALUE_TOO_LARGE, `value over ${ctx.config.maxValueBytes} bytes`);
    return;
  }
  if (!(message.ttlMs > 0)) {
    fail(ProtocolErrorCode.BAD_REQUEST, "ttlMs must be > 0");
    return;
  }
  if (ctx.config.requireStoreTokens && !ctx.tokens.check(message.token, from)) {
    fail(ProtocolErrorCode.BAD_TOKEN, "missing or invalid store token");
    return;
  }
  const verdict = judgeRecord(ctx.store.get(message.key), message.key, message.value, message.kind, message.cas);
  if (!verdict.ok) {
    fail(verdict.protocolCode, verdict.reason);
    return;
  }
  const now = ctx.clock.now();
  const ttl = Math.min(message.ttlMs, ctx.config.maxTtlMs);
  const record = {
    key: message.key, value: message.value, expiresAt: now + ttl, storedAt: now,
    ...(message.publisher ? { publisher: message.publisher } : {}),
  };
  ctx.store.put(record).then(
    () => {
      ctx.counters.storesAccepted++;
      ctx.reply(from, { type: "STORED", rid, sender: ctx.self });
    },
    (err: unknown) => {
      if (isPlexusError(err, "ERR_VALUE_TOO_LARGE")) fail(ProtocolErrorCode.VALUE_TOO_LARGE, "value too large");
      else if (isPlexusError(err, "ERR_STORE_FULL")) fail(ProtocolErrorCode.STORE_FULL, "store full");
      else fail(ProtocolErrorCode.BAD_REQUEST, "record rejected");
    },
  );
}
