import { ID_BITS, randomIdInBucket } from "@plexus/core";
import type { Cancel, NodeId } from "@plexus/core";
import { BACKGROUND_LOOKUP_CONCURRENCY } from "./constants.js";
import type { PeerContact } from "./contact-book.js";
import type { NodeContext } from "./context.js";
import { drainLookup } from "./join.js";
import { Limiter } from "./timing.js";

/**
 * Periodic upkeep on the injected Clock, all released by `stop()`:
 * - bucket refresh (paper 2.3): a bucket with no lookup into its range for
 *   `refreshIntervalMs` gets a lookup of a random id in that range;
 * - keep-alive: contacts not heard from within `keepAliveIntervalMs` get a PING (at most
 *   `keepAliveMaxPerTick` per interval, oldest first), which keeps UDP/NAT mappings open and
 *   finds dead contacts; failures evict through the ContactBook.
 */
export class Maintenance {
  readonly #ctx: NodeContext;
  /** Clock time of the last lookup into each bucket's range. Bound: 256 entries. */
  readonly #lastLookup = new Float64Array(ID_BITS);
  readonly #limiter = new Limiter(BACKGROUND_LOOKUP_CONCURRENCY, ID_BITS);
  #controller: AbortController | undefined;
  #cancelRefresh: Cancel | undefined;
  #cancelKeepAlive: Cancel | undefined;

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
  }

  /** Records a lookup of `target` as activity in its bucket. */
  noteLookup(target: NodeId): void {
    const index = this.#ctx.table.bucketIndexOf(target);
    if (index >= 0) this.#lastLookup[index] = this.#ctx.clock.now();
  }

  start(): void {
    if (this.#controller) return;
    this.#controller = new AbortController();
    this.#lastLookup.fill(this.#ctx.clock.now());
    this.#scheduleRefresh();
    if (this.#ctx.config.keepAliveIntervalMs > 0) this.#scheduleKeepAlive();
  }

  stop(): void {
    this.#cancelRefresh?.();
    this.#cancelKeepAlive?.();
    this.#cancelRefresh = this.#cancelKeepAlive = undefined;
    this.#limiter.clear();
    this.#controller?.abort();
    this.#controller = undefined;
  }

  #scheduleRefresh(): void {
    const period = Math.max(1000, this.#ctx.config.refreshIntervalMs / 4);
    this.#cancelRefresh = this.#ctx.clock.setTimeout(() => {
      this.#refresh();
      this.#scheduleRefresh();
    }, period);
  }

  #refresh(): void {
    const { clock, table, config, random, self } = this.#ctx;
    const now = clock.now();
    for (const index of table.nonEmptyBuckets()) {
      if (now - this.#lastLookup[index]! < config.refreshIntervalMs) continue;
      this.#lastLookup[index] = now;
      // Read here, not above: the first read of a controller's signal creates it.
      const signal = this.#controller?.signal;
      const target = randomIdInBucket(self, index, random);
      this.#limiter.run(() => drainLookup(this.#ctx, target, signal));
    }
  }

  #scheduleKeepAlive(): void {
    this.#cancelKeepAlive = this.#ctx.clock.setTimeout(() => {
      this.#keepAlive();
      this.#scheduleKeepAlive();
    }, this.#ctx.config.keepAliveIntervalMs);
  }

  #keepAlive(): void {
    const { clock, table, config, rpc } = this.#ctx;
    const cutoff = clock.now() - config.keepAliveIntervalMs;
    const signal = this.#controller?.signal;
    let budget = config.keepAliveMaxPerTick;
    for (const contact of table.contacts()) {
      if (budget <= 0) break;
      if ((contact as PeerContact).seenAt > cutoff) continue;
      budget--;
      rpc.request(contact, { type: "PING" }, contact.id, { retries: config.requestRetries, signal }).catch(() => undefined);
    }
  }
}
