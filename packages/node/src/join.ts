import { PlexusError, randomIdInBucket } from "@plexus/core";
import type { Address, Contact } from "@plexus/core";
import { JOIN_BUCKET_FILL, JOIN_PROBE_ATTEMPTS, JOIN_SELF_LOOKUPS } from "./constants.js";
import type { NodeContext } from "./context.js";
import { throwIfAborted } from "./errors.js";
import { runLookup } from "./lookup.js";
import type { LookupOutcome } from "./lookup.js";
import { sleep } from "./timing.js";

/** Drains a lookup for its side effects (the table fills from the answers). */
export async function drainLookup(ctx: NodeContext, target: Uint8Array, signal: AbortSignal | undefined): Promise<LookupOutcome> {
  const it = runLookup(ctx, target, false, signal, true);
  for (;;) {
    const step = await it.next();
    if (step.done) return step.value;
  }
}

/**
 * Joining (paper 2.3): ping the bootstrap address(es) until one answers (its PONG puts it
 * in the table), with `joinAttempts` rounds and doubling backoff; then look up our own id,
 * which fills the buckets near us and announces us to our neighbours; then fill every
 * bucket farther than the closest neighbour with a bounded probe (see refreshFarBuckets).
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
    await ctx.contacts.settled(); // with verifyIdentities, the bootstrap's id proof is still in flight
    throwIfAborted(signal);
  }
  if (!joined || ctx.table.size === 0) {
    throw new PlexusError("ERR_JOIN_FAILED", `no bootstrap answered in ${config.joinAttempts} attempts`);
  }
  // The self lookup announces us to our neighbours. On a lossy path it can end with few
  // answers (replies lost, contacts dropped): repeat it, boundedly, while requests failed
  // and the table is still short of one bucket's worth.
  for (let round = 0; round < JOIN_SELF_LOOKUPS; round++) {
    const outcome = await drainLookup(ctx, ctx.self, signal);
    if (outcome.failed === 0 || ctx.table.size >= config.k) break;
  }
  await refreshFarBuckets(ctx, signal);
}

/**
 * Fills the buckets farther than our closest neighbour (paper 2.3 refreshes each with a full
 * lookup; that re-contacts the same nodes ~log2(N/k) times and was most of a join's cost).
 * Instead, per bucket below `JOIN_BUCKET_FILL` contacts, one bounded probe: a FIND_NODE for a
 * random id in the bucket to the closest known contact (a second one if it fails), then a
 * PING to just enough of the returned contacts of that bucket to reach the fill target.
 * Contacts still enter the table only by answering; buckets fill further from incoming
 * traffic and the hourly refresh. All buckets are probed at once (at most ~log2(N) of them).
 */
async function refreshFarBuckets(ctx: NodeContext, signal: AbortSignal | undefined): Promise<void> {
  const buckets = ctx.table.nonEmptyBuckets();
  const deepest = buckets[buckets.length - 1] ?? 0;
  const probes: Promise<void>[] = [];
  const fill = Math.min(JOIN_BUCKET_FILL, ctx.table.k);
  for (let index = 0; index < deepest; index++) probes.push(probeBucket(ctx, index, fill, signal));
  await Promise.all(probes);
  throwIfAborted(signal);
}

async function probeBucket(ctx: NodeContext, index: number, fill: number, signal: AbortSignal | undefined): Promise<void> {
  const { table } = ctx;
  if (table.bucketSize(index) >= fill) return;
  const target = randomIdInBucket(ctx.self, index, ctx.random);
  let found: readonly Contact[] | undefined;
  for (const via of table.closest(target, JOIN_PROBE_ATTEMPTS)) {
    try {
      const reply = await ctx.rpc.request(via, { type: "FIND_NODE", target }, via.id, { retries: 0, signal });
      if (reply.message.type === "NODES") found = reply.message.contacts;
      break;
    } catch {
      if (signal?.aborted) return;
    }
  }
  if (!found) return;
  const pings: Promise<unknown>[] = [];
  for (const c of found) {
    if (table.bucketSize(index) + pings.length >= fill) break;
    if (table.bucketIndexOf(c.id) !== index || table.has(c.id)) continue;
    // The PONG admits it through the RPC reply hook (contacts enter only by answering).
    pings.push(ctx.rpc.request(c, { type: "PING" }, c.id, { retries: 0, signal }).catch(() => undefined));
  }
  await Promise.all(pings);
}
