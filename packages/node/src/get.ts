import type { NodeId } from "@plexus/core";
import type { NodeContext } from "./context.js";
import { runLookup } from "./lookup.js";
import type { GetEvent, GetResult } from "./types.js";

/**
 * FIND_VALUE (paper 2.3): this node's own store first, then an iterative FIND_VALUE lookup
 * that stops at the first VALUE. When the lookup converges without one, the key is not in
 * the network: `found: false` is definite, not a timeout.
 */
export async function* runGet(ctx: NodeContext, key: NodeId, signal: AbortSignal | undefined): AsyncGenerator<GetEvent, GetResult, void> {
  const local = ctx.store.get(key);
  const now = ctx.clock.now();
  if (local && local.expiresAt > now) {
    yield { type: "value", value: local.value, from: undefined };
    return { found: true, key, value: local.value, ttlMs: local.expiresAt - now, publisher: local.publisher, from: undefined };
  }
  const outcome = yield* runLookup(ctx, key, true, signal);
  const found = outcome.found;
  if (!found) return { found: false, key, closest: outcome.closest };
  return { found: true, key, value: found.value, ttlMs: found.ttlMs, publisher: found.publisher, from: found.from };
}
