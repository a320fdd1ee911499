import { compareDistance } from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import type { RecordKindCode } from "@plexus/wire";
import type { NodeContext } from "./context.js";
import { RemoteError } from "./errors.js";
import { idKey } from "./id-key.js";
import { judgeRecord } from "./records/judge-record.js";
import { runNodeLookup } from "./lookup.js";
import type { PutEvent, PutResult } from "./types.js";

/** What to store. */
export interface PutRecord {
  readonly key: NodeId;
  readonly value: Uint8Array;
  readonly ttlMs: number;
  readonly publisher: NodeId | undefined;
  /** Declared record kind (docs/protocol.md T3); absent: decided by content. */
  readonly kind?: RecordKindCode | undefined;
  /** Compare-and-swap of a mutable record: the seq expected at each replica. */
  readonly cas?: number | undefined;
}

/** True when `self` is closer to `key` than the k-th of `closest` (or there are fewer than k). */
function selfAmongClosest(ctx: NodeContext, key: NodeId, closest: readonly Contact[]): boolean {
  const kth = closest[ctx.config.k - 1];
  return !kth || compareDistance(ctx.self, kth.id, key) < 0;
}

/**
 * STORE (paper 2.5): look up the k closest nodes to the key, send each a STORE (with one
 * retry), and keep a copy here too when this node is itself among the k closest.
 */
export async function* runPut(ctx: NodeContext, record: PutRecord, signal: AbortSignal | undefined): AsyncGenerator<PutEvent, PutResult, void> {
  const outcome = yield* runNodeLookup(ctx, record.key, signal, true);
  const now = ctx.clock.now();
  let local = false;
  if (selfAmongClosest(ctx, record.key, outcome.closest)
    && judgeRecord(ctx.store.get(record.key), record.key, record.value, record.kind, record.cas).ok) {
    try {
      await ctx.store.put({
        key: record.key, value: record.value, expiresAt: now + record.ttlMs, storedAt: now,
        ...(record.publisher ? { publisher: record.publisher } : {}),
      });
      local = true;
    } catch {
      local = false;
    }
  }
  const body = {
    type: "STORE" as const, key: record.key, value: record.value, ttlMs: Math.max(1, Math.floor(record.ttlMs)),
    ...(record.publisher ? { publisher: record.publisher } : {}),
    ...(record.kind !== undefined ? { kind: record.kind } : {}),
    ...(record.cas !== undefined ? { cas: record.cas } : {}),
  };
  // Each STORE presents the token its recipient gave us during the lookup (docs/protocol.md T2).
  const bodyFor = (contact: Contact) => {
    const token = outcome.tokens.get(idKey(contact.id));
    return token ? { ...body, token } : body;
  };
  const sends = outcome.closest.map((contact) =>
    ctx.rpc.request(contact, bodyFor(contact), contact.id, { retries: ctx.config.requestRetries, signal }).then(
      (reply): PutEvent => reply.message.type === "STORED"
        ? { type: "stored", contact }
        : { type: "store-failed", contact, error: reply.message.type === "ERROR"
          ? new RemoteError(reply.message.code, reply.message.message) : new RemoteError(0, `unexpected ${reply.message.type}`) },
      (err: unknown): PutEvent => ({ type: "store-failed", contact, error: err instanceof Error ? err : new Error(String(err)) }),
    ));
  let stored = 0, failed = 0;
  for (const send of sends) {
    const event = await send;
    if (signal?.aborted) throw signal.reason;
    if (event.type === "stored") stored++;
    else failed++;
    yield event;
  }
  return { key: record.key, stored, failed, local };
}
