import { PlexusError } from "@plexus/core";
import type { Address, Contact, NodeId } from "@plexus/core";
import { BROADCAST_ID_BYTES, MAX_BROADCAST_DATA_BYTES } from "@plexus/wire";
import type { BroadcastMessage } from "@plexus/wire";
import type { NodeContext } from "./context.js";
import { DedupCache } from "./dedup-cache.js";
import { throwIfAborted } from "./errors.js";
import type { BroadcastResult } from "./types.js";

interface SendTally {
  acked: number;
  failed: number;
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
  readonly #ctx: NodeContext;
  readonly #dedup: DedupCache;

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
    this.#dedup = new DedupCache(ctx.clock, ctx.config.broadcastDedupSize, ctx.config.broadcastDedupWindowMs);
  }

  /**
   * Starts a broadcast from this node (depth 0: every bucket).
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` past MAX_BROADCAST_DATA_BYTES.
   */
  async start(data: Uint8Array, redundancy: number, signal: AbortSignal | undefined): Promise<BroadcastResult> {
    if (data.length > MAX_BROADCAST_DATA_BYTES) {
      throw new PlexusError("ERR_VALUE_TOO_LARGE", `broadcast data over ${MAX_BROADCAST_DATA_BYTES} bytes`);
    }
    if (!Number.isInteger(redundancy) || redundancy < 1) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", "redundancy must be an integer >= 1");
    }
    throwIfAborted(signal);
    const id = this.#ctx.random.bytes(BROADCAST_ID_BYTES);
    this.#dedup.check(id);
    this.#ctx.counters.broadcastsStarted++;
    const tally = await this.#forward(id, this.#ctx.self, data, 0, redundancy, signal);
    throwIfAborted(signal);
    return { id, ...tally };
  }

  /** A BROADCAST arrived (the handler has already sent the ACK). */
  receive(message: BroadcastMessage, from: Address): void {
    const ctx = this.#ctx;
    if (this.#dedup.check(message.id)) {
      ctx.counters.broadcastDuplicates++;
      return;
    }
    ctx.counters.broadcastsDelivered++;
    const sender: Contact = { id: message.sender, host: from.host, port: from.port };
    ctx.emit("broadcast", { id: message.id, origin: message.origin, data: message.data, from: sender });
    void this.#forward(message.id, message.origin, message.data, message.depth, ctx.config.broadcastRedundancy, undefined);
  }

  /** Forgets seen ids (on stop). */
  clear(): void {
    this.#dedup.clear();
  }

  async #forward(id: Uint8Array, origin: NodeId, data: Uint8Array, depth: number, r: number,
    signal: AbortSignal | undefined): Promise<SendTally> {
    const tally: SendTally = { acked: 0, failed: 0 };
    const sends: Promise<void>[] = [];
    for (const index of this.#ctx.table.nonEmptyBuckets()) {
      if (index < depth) continue;
      const candidates = this.#shuffled(this.#ctx.table.bucketContacts(index));
      const slots = Math.min(r, candidates.length);
      for (let slot = 0; slot < slots; slot++) {
        const message = { type: "BROADCAST" as const, id, origin, depth: index + 1, data };
        sends.push(this.#sendSlot(message, candidates, slot, slots, tally, signal));
      }
    }
    await Promise.all(sends);
    return tally;
  }

  /**
   * Sends to candidates slot, slot + slots, ... (wrapping round a small bucket, so a lone
   * contact gets the remaining attempts) until one acks or the attempts run out.
   */
  async #sendSlot(body: Omit<BroadcastMessage, "rid" | "sender">, candidates: readonly Contact[], slot: number,
    slots: number, tally: SendTally, signal: AbortSignal | undefined): Promise<void> {
    const ctx = this.#ctx;
    for (let n = 0; n < ctx.config.broadcastAttemptsPerBucket; n++) {
      const to = candidates[(slot + n * slots) % candidates.length]!;
      try {
        await ctx.rpc.request(to, body, to.id, { retries: 0, signal });
        tally.acked++;
        return;
      } catch {
        if (signal?.aborted || !ctx.running) break;
      }
    }
    tally.failed++;
  }

  /** A copy of `list` in random order (Fisher-Yates on the injected Random). */
  #shuffled(list: readonly Contact[]): Contact[] {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.#ctx.random.int(i + 1);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}
