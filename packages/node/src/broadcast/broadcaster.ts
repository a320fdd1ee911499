import { PlexusError, addressKey, randomIdInBucket, toHex } from "@plexus/core";
import type { Address, Clock, Contact, Log, NodeId, Random, RoutingTable } from "@plexus/core";
import { BROADCAST_ID_BYTES, MAX_BROADCAST_DATA_BYTES, MAX_BROADCAST_DEPTH, MAX_SIGNED_DATA_BYTES } from "@plexus/wire";
import type { BroadcastMessage } from "@plexus/wire";
import { throwIfAborted } from "../api/errors.js";
import { BROADCAST_REPAIR_MIN_LEVELS } from "../config/constants.js";
import { IdSet } from "../ids/id-set.js";
import type { OriginGuard, OriginVerdict } from "../origins/origin-guard.js";
import { NO_SCOPE, OriginKind } from "../origins/origin-signature.js";
import type { OriginSigner } from "../origins/origin-signer.js";
import type { Lookups } from "../query/lookups.js";
import type { Rpc } from "../rpc/rpc.js";
import type { Counters } from "../stats/counters.js";
import { DedupCache } from "./dedup-cache.js";
import type { BroadcastEvent, BroadcastResult } from "./types.js";

/** What broadcasting uses. */
export interface BroadcastComponents {
  readonly table: RoutingTable;
  readonly rpc: Rpc;
  readonly random: Random;
  readonly clock: Clock;
  readonly counters: Counters;
  readonly lookups: Lookups;
  /** Signs this node's broadcasts; `undefined` without an identity. */
  readonly signer: OriginSigner | undefined;
  /** Checks the origin of arriving broadcasts (signature, replay, rate limits). */
  readonly guard: OriginGuard;
  /** Hands a delivered broadcast to the application. */
  readonly deliver: (event: BroadcastEvent) => void;
  /** False once the node stopped: no more sends or repairs. */
  readonly running: () => boolean;
  /** `plexus:broadcast`: broadcasts started, delivered and refused (with the reason). @default silent */
  readonly log?: Log | undefined;
}

/** Broadcast settings (from `NodeInit`). */
export interface BroadcastInit {
  readonly self: NodeId;
  readonly broadcastRedundancy: number;
  readonly broadcastAttemptsPerBucket: number;
  readonly broadcastDedupSize: number;
  readonly broadcastDedupWindowMs: number;
  /** Receivers verify origins: starting a broadcast needs an identity to sign with. */
  readonly verifyOrigins: boolean;
}

/** The counter of each refusal of an arriving broadcast. */
const REFUSED = {
  unsigned: "broadcastsUnsigned", forged: "broadcastsForged", replayed: "broadcastsReplayed", limited: "broadcastsLimited",
} as const satisfies Record<Exclude<OriginVerdict, "ok">, string>;

/** A BROADCAST without its per-hop fields. */
type BroadcastBody = Omit<BroadcastMessage, "rid" | "sender">;

/** One broadcast's fan-out from this node: its outcome so far, and for whom it is sent. */
interface SendTally {
  acked: number;
  failed: number;
  /** Forwarding someone else's broadcast: its requests go in the RPC layer's `onBehalf` class. */
  readonly onBehalf: boolean;
}

/** One bucket's candidates, shared by its redundancy slots. */
interface BucketSends {
  /** Shuffled contacts of the bucket. */
  readonly candidates: readonly Contact[];
  /** Next candidate no slot has tried yet. */
  next: number;
  /** Candidates that acked (another slot must not pick them again). Bound: the slots. */
  readonly acked: Set<Contact>;
}

/**
 * Broadcast over the k-buckets (El-Ansary et al., "Efficient broadcast in structured P2P
 * networks", 2003). A node responsible for depth `d` (every node sharing its first `d` bits)
 * sends to `r` contacts of each non-empty bucket `i >= d` with depth `i + 1`; bucket `i`
 * is exactly the subtree sharing `i` bits with it, so the subtrees partition the network
 * and, with r = 1, complete tables and no loss, each node receives exactly once. Each send
 * is acknowledged (ACK); a send that times out goes to another contact of the same bucket.
 * Receivers deliver once per id (bounded dedup cache with a time window).
 */
export class Broadcaster {
  readonly #c: BroadcastComponents;
  readonly #init: BroadcastInit;
  readonly #dedup: DedupCache;
  /** See {@link setLeaves}. */
  #leaves: (() => readonly Contact[]) | undefined;

  constructor(components: BroadcastComponents, init: BroadcastInit) {
    this.#c = components;
    this.#init = init;
    this.#dedup = new DedupCache(components.clock, init.broadcastDedupSize, init.broadcastDedupWindowMs);
  }

  /**
   * Starts a broadcast from this node (depth 0: every bucket), signed as its origin.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` past MAX_SIGNED_DATA_BYTES (MAX_BROADCAST_DATA_BYTES
   *   unsigned); `ERR_NO_IDENTITY` without an identity while origins are verified.
   */
  async start(data: Uint8Array, redundancy: number, signal: AbortSignal | undefined): Promise<BroadcastResult> {
    if (!(data instanceof Uint8Array)) throw new PlexusError("ERR_INVALID_ARGUMENT", "broadcast data must be a Uint8Array");
    const { signer } = this.#c;
    const max = signer === undefined ? MAX_BROADCAST_DATA_BYTES : MAX_SIGNED_DATA_BYTES;
    if (data.length > max) throw new PlexusError("ERR_VALUE_TOO_LARGE", `broadcast data over ${max} bytes`);
    if (signer === undefined && this.#init.verifyOrigins) {
      throw new PlexusError("ERR_NO_IDENTITY", "broadcasts are signed by their origin: give the node an identity");
    }
    if (!Number.isInteger(redundancy) || redundancy < 1) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", "redundancy must be an integer >= 1");
    }
    throwIfAborted(signal);
    const id = this.#c.random.bytes(BROADCAST_ID_BYTES);
    this.#dedup.check(id);
    this.#c.counters.broadcastsStarted++;
    const origin = this.#init.self;
    const auth = signer?.sign(OriginKind.BROADCAST, { origin, id, scope: NO_SCOPE, data });
    const body: BroadcastBody = { type: "BROADCAST", id, origin, depth: 0, data, ...(auth && { auth }) };
    this.#toLeaves(body);
    const tally = await this.#forward(body, redundancy, signal, false);
    throwIfAborted(signal);
    if (this.#c.log?.enabled) this.#c.log.debug("broadcast sent", { id: toHex(id), bytes: data.length, ...tally });
    return { id, ...tally };
  }

  /**
   * A BROADCAST arrived (the handler has already sent the ACK): the first copy of an id
   * whose origin checks out (origins/origin-guard.ts) is delivered and forwarded; an id
   * is remembered only then, so a forged copy cannot shadow the real one.
   */
  receive(message: BroadcastMessage, from: Address): void {
    const { counters } = this.#c;
    if (this.#dedup.has(message.id)) {
      counters.broadcastDuplicates++;
      return;
    }
    const { id, origin, data, auth } = message;
    const verdict = this.#c.guard.check(OriginKind.BROADCAST, { origin, id, scope: NO_SCOPE, data }, auth, from);
    if (verdict !== "ok") {
      counters[REFUSED[verdict]]++;
      if (this.#c.log?.enabled) this.#c.log.debug("broadcast refused", { reason: verdict, origin: toHex(origin), from: addressKey(from) });
      return;
    }
    this.#dedup.check(id);
    counters.broadcastsDelivered++;
    if (this.#c.log?.enabled) this.#c.log.debug("broadcast delivered", { id: toHex(id), origin: toHex(origin), depth: message.depth });
    const sender: Contact = { id: message.sender, host: from.host, port: from.port };
    this.#c.deliver({ id: message.id, origin: message.origin, data: message.data, from: sender });
    const body: BroadcastBody = { type: "BROADCAST", id, origin, depth: message.depth, data, ...(auth && { auth }) };
    this.#toLeaves(body);
    void this.#forward(body, this.#init.broadcastRedundancy, undefined, true);
  }

  /**
   * Nodes that take this node's broadcasts but sit in no routing table, so the bucket tree
   * never reaches them: a relay's reserved clients (docs/protocol.md 13.2), given by the layer
   * that holds them. Bound: one provider; what it returns is bounded by its owner.
   */
  setLeaves(provider: (() => readonly Contact[]) | undefined): void {
    this.#leaves = provider;
  }

  /** Sends `body` to every leaf with depth 256: a leaf delivers it and forwards it to no bucket. */
  #toLeaves(body: BroadcastBody): void {
    const leaves = this.#leaves?.();
    if (leaves === undefined || leaves.length === 0) return;
    const message: BroadcastBody = { ...body, depth: MAX_BROADCAST_DEPTH };
    for (const leaf of leaves) {
      this.#c.counters.broadcastsToLeaves++;
      this.#c.rpc.call(leaf, message, leaf.id, { retries: 0, onBehalf: true }, () => undefined, () => undefined);
    }
  }

  /** Forgets seen ids, budgets and sequence numbers (on stop). */
  clear(): void {
    this.#dedup.clear();
    this.#c.guard.clear();
  }

  /** Sends `body` on to the buckets at or below its depth, each with depth = bucket + 1. */
  async #forward(body: BroadcastBody, r: number, signal: AbortSignal | undefined, onBehalf: boolean): Promise<SendTally> {
    const tally: SendTally = { acked: 0, failed: 0, onBehalf };
    const sends: Promise<void>[] = [];
    for (const index of this.#c.table.nonEmptyBuckets()) {
      if (index < body.depth) continue;
      const message: BroadcastBody = { ...body, depth: index + 1 };
      sends.push(this.#sendBucket(message, index, r, tally, signal));
    }
    await Promise.all(sends);
    return tally;
  }

  /**
   * Sends to `r` contacts of bucket `index`. When every contact tried failed (all dead: a
   * far bucket may hold only a few), the bucket's whole subtree would be lost: look up a
   * random id in it and send to up to `r` of the live nodes found there instead (one repair
   * per bucket, counted in `broadcastRepairs`), for subtrees of about
   * 2^BROADCAST_REPAIR_MIN_LEVELS nodes or more.
   */
  async #sendBucket(body: BroadcastBody, index: number, r: number, tally: SendTally,
    signal: AbortSignal | undefined): Promise<void> {
    const { table, counters, lookups, random } = this.#c;
    const bucket = this.#bucketSends(this.#shuffled(table.bucketContacts(index)));
    await this.#sendSlots(body, bucket, r, tally, signal);
    if (bucket.acked.size > 0 || signal?.aborted || !this.#c.running()) return;
    // Bucket i holds ~2^(deepest - i) nodes (our deepest non-empty bucket is about
    // log2(N / k) deep): repair only subtrees large enough to be worth a lookup.
    const buckets = table.nonEmptyBuckets();
    if ((buckets[buckets.length - 1] ?? 0) - index < BROADCAST_REPAIR_MIN_LEVELS) return;
    counters.broadcastRepairs++;
    const tried = new IdSet();
    for (const c of bucket.candidates) tried.add(c.id);
    let found: readonly Contact[];
    try {
      found = await lookups.closest(randomIdInBucket(this.#init.self, index, random), signal);
    } catch {
      return;
    }
    const fresh = found.filter((c) => table.bucketIndexOf(c.id) === index && tried.add(c.id));
    if (fresh.length > 0) await this.#sendSlots(body, this.#bucketSends(fresh), r, tally, signal);
  }

  #bucketSends(candidates: readonly Contact[]): BucketSends {
    return { candidates, next: 0, acked: new Set() };
  }

  async #sendSlots(body: BroadcastBody, bucket: BucketSends, r: number, tally: SendTally,
    signal: AbortSignal | undefined): Promise<void> {
    const slots = Math.min(r, bucket.candidates.length);
    const sends: Promise<void>[] = []; // bound: r
    for (let slot = 0; slot < slots; slot++) sends.push(this.#sendSlot(body, bucket, tally, signal));
    await Promise.all(sends);
  }

  /**
   * Sends to one candidate after another until one acks or the attempts run out: first the
   * candidates no slot has tried (so the slots of a bucket reach distinct nodes even when
   * some are dead), then again those that did not ack (a lost datagram), a lone contact
   * getting all attempts.
   */
  async #sendSlot(body: BroadcastBody, bucket: BucketSends, tally: SendTally,
    signal: AbortSignal | undefined): Promise<void> {
    const { candidates, acked } = bucket;
    for (let n = 0; n < this.#init.broadcastAttemptsPerBucket; n++) {
      let to = bucket.next < candidates.length ? candidates[bucket.next++]! : undefined;
      for (let i = 0; to === undefined && i < candidates.length; i++) {
        const c = candidates[(n + i) % candidates.length]!;
        if (!acked.has(c)) to = c;
      }
      to ??= candidates[n % candidates.length]!;
      try {
        await this.#c.rpc.request(to, body, to.id, { retries: 0, signal, onBehalf: tally.onBehalf });
        acked.add(to);
        tally.acked++;
        return;
      } catch {
        if (signal?.aborted || !this.#c.running()) break;
      }
    }
    tally.failed++;
  }

  /** A copy of `list` in random order (Fisher-Yates on the injected Random). */
  #shuffled(list: readonly Contact[]): Contact[] {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.#c.random.int(i + 1);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}
