import { PlexusError, addressKey, randomIdInBucket } from "@plexus/core";
import type { Address, Clock, Contact, Log, NodeId, Random, RoutingTable } from "@plexus/core";
import { throwIfAborted } from "../api/errors.js";
import { sleep } from "../async/timing.js";
import { JOIN_BUCKET_FILL, JOIN_PROBE_ATTEMPTS, JOIN_SELF_LOOKUPS } from "../config/constants.js";
import type { Lookups } from "../query/lookups.js";
import type { Rpc } from "../rpc/rpc.js";
import type { ContactBook } from "./contact-book.js";
import { sweepIdSpace } from "./one-hop-sweep.js";

/** What joining uses. */
export interface JoinComponents {
  readonly self: NodeId;
  readonly table: RoutingTable;
  readonly rpc: Rpc;
  readonly random: Random;
  readonly clock: Clock;
  readonly contacts: ContactBook;
  readonly lookups: Lookups;
  /** `plexus:routing`: join start, end (table size, duration) and failure. @default silent */
  readonly log?: Log | undefined;
}

/** Join settings (from `NodeInit`). */
export interface JoinInit {
  readonly joinAttempts: number;
  readonly joinBackoffMs: number;
  readonly k: number;
  readonly oneHop: { readonly maxContacts: number };
  /** `NodeInit.joinWaitsForFarBuckets`: resolve only once the far buckets were probed. */
  readonly joinWaitsForFarBuckets: boolean;
}

/**
 * Joining (paper 2.3): ping the bootstrap address(es) until one answers and its PONG puts it
 * in the table, with `joinAttempts` rounds and doubling backoff; then look up our own id,
 * which fills the buckets near us and announces us to our neighbours, and resolve; the
 * buckets farther than the closest neighbour then fill in the background with a bounded
 * probe each (see refreshFarBuckets; awaited with `joinWaitsForFarBuckets` and in the
 * one-hop mode, which last sweeps the id space, see sweepIdSpace).
 * @throws PlexusError `ERR_JOIN_FAILED` when no bootstrap answers.
 */
export async function joinNetwork(parts: JoinComponents, config: JoinInit, bootstraps: readonly Address[],
  signal: AbortSignal | undefined): Promise<void> {
  const { log, clock } = parts;
  const started = clock.now();
  if (log?.enabled) log.debug("join start", { bootstrap: bootstraps.map(addressKey).join(",") });
  let joined = false;
  for (let attempt = 0; attempt < config.joinAttempts && !joined; attempt++) {
    if (attempt > 0) await sleep(parts.clock, config.joinBackoffMs * 2 ** Math.min(attempt - 1, 3), signal);
    const pings = bootstraps.map((address) =>
      parts.rpc.request(address, { type: "PING" }, undefined, { retries: 0, signal }).then(() => true, () => false));
    joined = (await Promise.all(pings)).some(Boolean);
    await parts.contacts.settled(); // with verifyIdentities, the bootstrap's id proof is still in flight
    throwIfAborted(signal);
    // A bootstrap that answered but was not admitted (a server whose id is not bound to its
    // address yet: it learns that address from its peers' PONGs, docs/protocol.md 10.9) is tried again.
    joined &&= parts.table.size > 0;
  }
  if (!joined || parts.table.size === 0) {
    if (log?.enabled) log.debug("join failed", { attempts: config.joinAttempts, durationMs: clock.now() - started });
    throw new PlexusError("ERR_JOIN_FAILED", `no bootstrap answered in ${config.joinAttempts} attempts`);
  }
  // The self lookup announces us to our neighbours. On a lossy path it can end with few
  // answers (replies lost, contacts dropped): repeat it, boundedly, while requests failed
  // and the table is still short of one bucket's worth.
  for (let round = 0; round < JOIN_SELF_LOOKUPS; round++) {
    const outcome = await parts.lookups.quiet(parts.self, signal);
    if (outcome.failed === 0 || parts.table.size >= config.k) break;
  }
  // With verifyIdentities the contacts that answered the self lookup enter once their id
  // proofs settle: the table holds them before join resolves (a broadcast right after it
  // goes to every bucket they fill).
  await parts.contacts.settled();
  // The node is usable now: the buckets near it are full and its neighbours know it. The
  // far buckets fill in the background (as bittorrent-dht, dht-rpc and js-libp2p resolve
  // their bootstrap), unless the one-hop mode, whose promise is a complete table, or
  // `joinWaitsForFarBuckets` waits for them.
  const far = refreshFarBuckets(parts, signal);
  const full = parts.contacts.full;
  if (full || config.joinWaitsForFarBuckets) {
    await far;
    if (full) await sweepIdSpace({ ...parts, full, k: config.k, maxContacts: config.oneHop.maxContacts }, signal);
  } else {
    far.then(() => { if (log?.enabled) log.debug("far buckets probed", { tableSize: parts.table.size, durationMs: clock.now() - started }); },
      () => undefined); // aborted or stopped: the hourly refresh fills them
  }
  if (log?.enabled) log.debug("join end", { tableSize: parts.table.size, durationMs: clock.now() - started });
}

/**
 * Fills the buckets farther than our closest neighbour (paper 2.3 refreshes each with a full
 * lookup; that re-contacts the same nodes ~log2(N/k) times and was most of a join's cost).
 * Instead, per bucket below `JOIN_BUCKET_FILL` contacts, one bounded probe: a FIND_NODE for a
 * random id in the bucket to the closest known contact (a second one if it fails), then a
 * PING (with verifyIdentities, the id challenge) to just enough of the returned contacts of
 * that bucket to reach the fill target.
 * Contacts still enter the table only by answering; buckets fill further from incoming
 * traffic and the hourly refresh. All buckets are probed at once (at most ~log2(N) of them).
 */
async function refreshFarBuckets(parts: JoinComponents, signal: AbortSignal | undefined): Promise<void> {
  const buckets = parts.table.nonEmptyBuckets();
  const deepest = buckets[buckets.length - 1] ?? 0;
  const probes: Promise<void>[] = [];
  const fill = Math.min(JOIN_BUCKET_FILL, parts.table.k);
  for (let index = 0; index < deepest; index++) probes.push(probeBucket(parts, index, fill, signal));
  await Promise.all(probes);
  throwIfAborted(signal);
}

async function probeBucket(parts: JoinComponents, index: number, fill: number, signal: AbortSignal | undefined): Promise<void> {
  const { table } = parts;
  if (table.bucketSize(index) >= fill) return;
  const target = randomIdInBucket(parts.self, index, parts.random);
  let found: readonly Contact[] | undefined;
  for (const via of table.closest(target, JOIN_PROBE_ATTEMPTS)) {
    try {
      const reply = await parts.rpc.request(via, { type: "FIND_NODE", target }, via.id, { retries: 0, signal });
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
    // With verifyIdentities the id challenge itself; else a PING whose PONG admits it through
    // the RPC reply hook (contacts enter only by answering).
    pings.push(parts.contacts.challenge(c.id, c) ?? parts.rpc.request(c, { type: "PING" }, c.id, { retries: 0, signal }).catch(() => undefined));
  }
  await Promise.all(pings);
}
