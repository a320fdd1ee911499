import { ID_BITS, randomIdInBucket } from "@plexus/core";
import type { Cancel, Clock, NodeId, Random, RoutingTable } from "@plexus/core";
import { Limiter } from "../async/timing.js";
import { BACKGROUND_LOOKUP_CONCURRENCY } from "../config/constants.js";
import type { Lookups } from "../query/lookups.js";
import type { Rpc } from "../rpc/rpc.js";
import type { BucketActivity } from "./bucket-activity.js";
import type { PeerContact } from "./peer-contact.js";

/** What upkeep uses. */
export interface MaintenanceComponents {
  readonly table: RoutingTable;
  readonly clock: Clock;
  readonly random: Random;
  readonly rpc: Rpc;
  readonly lookups: Lookups;
  /** Where lookups record their targets. */
  readonly activity: BucketActivity;
}

/** Upkeep settings (from `NodeInit`). */
export interface MaintenanceInit {
  readonly self: NodeId;
  readonly refreshIntervalMs: number;
  readonly keepAliveIntervalMs: number;
  readonly keepAliveMaxPerTick: number;
  readonly requestRetries: number;
}

/**
 * Periodic upkeep on the injected Clock, all released by `stop()`:
 * - bucket refresh (paper 2.3): a bucket with no lookup into its range for
 *   `refreshIntervalMs` gets a lookup of a random id in that range;
 * - keep-alive: contacts not heard from within `keepAliveIntervalMs` get a PING (at most
 *   `keepAliveMaxPerTick` per interval, oldest first), which keeps UDP/NAT mappings open and
 *   finds dead contacts; failures evict through the ContactBook.
 */
export class Maintenance {
  readonly #c: MaintenanceComponents;
  readonly #init: MaintenanceInit;
  readonly #limiter = new Limiter(BACKGROUND_LOOKUP_CONCURRENCY, ID_BITS);
  #controller: AbortController | undefined;
  #cancelRefresh: Cancel | undefined;
  #cancelKeepAlive: Cancel | undefined;

  constructor(components: MaintenanceComponents, init: MaintenanceInit) {
    this.#c = components;
    this.#init = init;
  }

  start(): void {
    if (this.#controller) return;
    this.#controller = new AbortController();
    this.#c.activity.reset();
    this.#scheduleRefresh();
    if (this.#init.keepAliveIntervalMs > 0) this.#scheduleKeepAlive();
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
    const period = Math.max(1000, this.#init.refreshIntervalMs / 4);
    this.#cancelRefresh = this.#c.clock.setTimeout(() => {
      this.#refresh();
      this.#scheduleRefresh();
    }, period);
  }

  #refresh(): void {
    const { clock, table, random } = this.#c;
    const { refreshIntervalMs, self } = this.#init;
    const now = clock.now();
    for (const index of table.nonEmptyBuckets()) {
      if (now - this.#c.activity.lastLookup(index) < refreshIntervalMs) continue;
      const target = randomIdInBucket(self, index, random);
      this.#c.activity.note(target);
      // Read here, not above: the first read of a controller's signal creates it.
      const signal = this.#controller?.signal;
      this.#limiter.run(() => this.#c.lookups.quiet(target, signal));
    }
  }

  #scheduleKeepAlive(): void {
    this.#cancelKeepAlive = this.#c.clock.setTimeout(() => {
      this.#keepAlive();
      this.#scheduleKeepAlive();
    }, this.#init.keepAliveIntervalMs);
  }

  #keepAlive(): void {
    const { clock, table, rpc } = this.#c;
    const { keepAliveIntervalMs, keepAliveMaxPerTick, requestRetries } = this.#init;
    const cutoff = clock.now() - keepAliveIntervalMs;
    const signal = this.#controller?.signal;
    let budget = keepAliveMaxPerTick;
    for (const contact of table.contacts()) {
      if (budget <= 0) break;
      if ((contact as PeerContact).seenAt > cutoff) continue;
      budget--;
      rpc.request(contact, { type: "PING" }, contact.id, { retries: requestRetries, signal }).catch(() => undefined);
    }
  }
}
