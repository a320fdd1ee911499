import { PlexusError, randomIdInBucket } from "@plexus/core";
import type { Address } from "@plexus/core";
import { BACKGROUND_LOOKUP_CONCURRENCY } from "./constants.js";
import type { NodeContext } from "./context.js";
import { throwIfAborted } from "./errors.js";
import { runLookup } from "./lookup.js";
import { sleep } from "./timing.js";

/** Drains a lookup for its side effects (the table fills from the answers). */
export async function drainLookup(ctx: NodeContext, target: Uint8Array, signal: AbortSignal | undefined): Promise<void> {
  const it = runLookup(ctx, target, false, signal);
  while (!(await it.next()).done) { /* progress not needed */ }
}

/**
 * Joining (paper 2.3): ping the bootstrap address(es) until one answers (its PONG puts it
 * in the table), with `joinAttempts` rounds and doubling backoff; then look up our own id,
 * which fills the buckets near us and announces us to our neighbours; then refresh every
 * bucket farther than the closest neighbour with a lookup of a random id in its range.
 * @throws PlexusError `ERR_JOIN_FAILED` when no bootstrap answers.
 */
export async function joinNetwork(ctx: NodeContext, bootstraps: readonly Address[], signal: AbortSignal | undefined): Promise<void> {
  const { config } = ctx;
  let joined = false;
  for (let attempt = 0; attempt < config.joinAttempts && !joined; attempt++) {
    if (attempt > 0) await sleep(ctx.clock, config.joinBackoffMs * 2 ** Math.min(attempt - 1, 3), signal);
    const pings = bootstraps.map((address) =>
      ctx.rpc.request(address, { type: "PING" }, undefined, { retries: 0, signal }).then(() => true, () => false));
    joined = (await Promise.all(pings)).some(Boolean);
    throwIfAborted(signal);
  }
  if (!joined || ctx.table.size === 0) {
    throw new PlexusError("ERR_JOIN_FAILED", `no bootstrap answered in ${config.joinAttempts} attempts`);
  }
  await drainLookup(ctx, ctx.self, signal);
  await refreshFarBuckets(ctx, signal);
}

/** Refreshes buckets 0 .. (closest neighbour's bucket - 1), a few lookups at a time. */
async function refreshFarBuckets(ctx: NodeContext, signal: AbortSignal | undefined): Promise<void> {
  const buckets = ctx.table.nonEmptyBuckets();
  const deepest = buckets[buckets.length - 1] ?? 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < deepest) {
      const index = next++;
      await drainLookup(ctx, randomIdInBucket(ctx.self, index, ctx.random), signal);
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < BACKGROUND_LOOKUP_CONCURRENCY; i++) workers.push(worker());
  await Promise.all(workers);
}
