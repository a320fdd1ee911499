import type { Clock, NodeId, RecordStore } from "@plexus/core";
import type { Lookups } from "./lookups.js";
import type { GetEvent, GetResult } from "./types.js";

/** What a get uses. */
export interface GetComponents {
  readonly store: RecordStore;
  readonly clock: Clock;
  readonly lookups: Lookups;
}

/**
 * FIND_VALUE (paper 2.3): this node's own store first, then an iterative FIND_VALUE lookup
 * that stops at the first VALUE. When the lookup converges without one, the key is not in
 * the network: `found: false` is definite, unless `timedOut` says the deadline ended it.
 */
export async function* runGet(parts: GetComponents, key: NodeId, signal: AbortSignal | undefined): AsyncGenerator<GetEvent, GetResult, void> {
  const local = parts.store.get(key);
  const now = parts.clock.now();
  if (local && local.expiresAt > now) {
    yield { type: "value", value: local.value, from: undefined };
    return { found: true, key, value: local.value, ttlMs: local.expiresAt - now, publisher: local.publisher, from: undefined };
  }
  const outcome = yield* parts.lookups.walk(key, { signal, findValue: true });
  const found = outcome.found;
  if (!found) return { found: false, key, closest: outcome.closest, timedOut: outcome.timedOut };
  return { found: true, key, value: found.value, ttlMs: found.ttlMs, publisher: found.publisher, from: found.from };
}
