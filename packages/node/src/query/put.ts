import { compareDistance } from "@plexus/core";
import type { Clock, Contact, NodeId, RecordStore } from "@plexus/core";
import { RemoteError } from "../api/errors.js";
import { bytesKey } from "../ids/bytes-key.js";
import { judgeRecord } from "../records/judge-record.js";
import type { Rpc } from "../rpc/rpc.js";
import type { Lookups } from "./lookups.js";
import type { PutEvent, PutRecord, PutResult } from "./types.js";

/** What a put uses. */
export interface PutComponents {
  readonly self: NodeId;
  readonly store: RecordStore;
  readonly clock: Clock;
  readonly rpc: Rpc;
  readonly lookups: Lookups;
  readonly k: number;
  readonly requestRetries: number;
}

/** True when `self` is closer to `key` than the k-th of `closest` (or there are fewer than k). */
function selfAmongClosest(self: NodeId, k: number, key: NodeId, closest: readonly Contact[]): boolean {
  const kth = closest[k - 1];
  return !kth || compareDistance(self, kth.id, key) < 0;
}

/** Stores `record` here when the store accepts it; false when it refused. */
async function storeLocally(parts: PutComponents, record: PutRecord): Promise<boolean> {
  if (!judgeRecord(parts.store.get(record.key), record.key, record.value, record.kind, record.cas).ok) return false;
  const now = parts.clock.now();
  try {
    await parts.store.put({
      key: record.key, value: record.value, expiresAt: now + record.ttlMs, storedAt: now,
      ...(record.publisher ? { publisher: record.publisher } : {}),
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * STORE (paper 2.5): look up the k closest nodes to the key, send each a STORE (with one
 * retry) presenting the token it gave us during the lookup (docs/protocol.md 10.3), and keep
 * a copy here too when this node is itself among the k closest.
 */
export async function* runPut(parts: PutComponents, record: PutRecord, signal: AbortSignal | undefined): AsyncGenerator<PutEvent, PutResult, void> {
  const outcome = yield* parts.lookups.nodes(record.key, { signal, wantToken: true, sharedWindow: true });
  const local = selfAmongClosest(parts.self, parts.k, record.key, outcome.closest) && await storeLocally(parts, record);
  const body = {
    type: "STORE" as const, key: record.key, value: record.value, ttlMs: Math.max(1, Math.floor(record.ttlMs)),
    ...(record.publisher ? { publisher: record.publisher } : {}),
    ...(record.kind !== undefined ? { kind: record.kind } : {}),
    ...(record.cas !== undefined ? { cas: record.cas } : {}),
  };
  const sends = outcome.closest.map((contact) => {
    const token = outcome.tokens.get(bytesKey(contact.id));
    return parts.rpc.request(contact, token ? { ...body, token } : body, contact.id, { retries: parts.requestRetries, signal }).then(
      (reply): PutEvent => reply.message.type === "STORED"
        ? { type: "stored", contact }
        : { type: "store-failed", contact, error: reply.message.type === "ERROR"
          ? new RemoteError(reply.message.code, reply.message.message) : new RemoteError(0, `unexpected ${reply.message.type}`) },
      (err: unknown): PutEvent => ({ type: "store-failed", contact, error: err instanceof Error ? err : new Error(String(err)) }),
    );
  });
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
