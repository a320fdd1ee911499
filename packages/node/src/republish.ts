import { bytesEqual } from "@plexus/core";
import type { Cancel, NodeId } from "@plexus/core";
import { BACKGROUND_LOOKUP_CONCURRENCY, MAX_REPUBLISH_PER_SWEEP, MIN_REPUBLISH_TTL_MS } from "./constants.js";
import type { NodeContext } from "./context.js";
import { idKey } from "./id-key.js";
import { runPut } from "./put.js";
import type { PutRecord } from "./put.js";
import { Limiter } from "./timing.js";

interface Published {
  readonly record: PutRecord;
  cancel: Cancel | undefined;
}

/**
 * Republishing (paper 2.5), both duties, on the injected Clock:
 * - as original publisher: every item put with `republish` is put again with a fresh TTL
 *   every `republishIntervalMs` (or at half its TTL if sooner), until `unpublish` or stop;
 * - as replica: every `replicaRepublishIntervalMs`, records held for someone else are put
 *   again with their REMAINING TTL, so nothing outlives its publisher's last TTL; records
 *   stored here within the last interval are skipped (another replica just republished
 *   them: the paper's optimization).
 */
export class Republisher {
  readonly #ctx: NodeContext;
  /** Bound: maxPublishedItems (the oldest is dropped past it). */
  readonly #published = new Map<string, Published>();
  /** Bound: MAX_REPUBLISH_PER_SWEEP queued puts. */
  readonly #limiter = new Limiter(BACKGROUND_LOOKUP_CONCURRENCY, MAX_REPUBLISH_PER_SWEEP);
  #controller: AbortController | undefined;
  #cancelSweep: Cancel | undefined;

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
  }

  /** Items this node republishes as publisher. */
  get publishedCount(): number {
    return this.#published.size;
  }

  start(): void {
    if (this.#controller) return;
    this.#controller = new AbortController();
    this.#scheduleSweep();
  }

  /** Cancels every timer and forgets the published items. */
  stop(): void {
    this.#cancelSweep?.();
    this.#cancelSweep = undefined;
    for (const item of this.#published.values()) item.cancel?.();
    this.#published.clear();
    this.#limiter.clear();
    this.#controller?.abort();
    this.#controller = undefined;
  }

  /** Takes on the publisher's duty for `record` (replacing an earlier item with its key). */
  publish(record: PutRecord): void {
    const key = idKey(record.key);
    this.unpublish(record.key);
    if (this.#published.size >= this.#ctx.config.maxPublishedItems) {
      const oldest = this.#published.keys().next();
      if (!oldest.done) this.#drop(oldest.value);
    }
    const item: Published = { record, cancel: undefined };
    this.#published.set(key, item);
    this.#schedule(item);
  }

  /** Stops republishing `key`; true when it was published. */
  unpublish(key: NodeId): boolean {
    return this.#drop(idKey(key));
  }

  #drop(key: string): boolean {
    const item = this.#published.get(key);
    if (!item) return false;
    item.cancel?.();
    this.#published.delete(key);
    return true;
  }

  #schedule(item: Published): void {
    const delay = Math.min(this.#ctx.config.republishIntervalMs, item.record.ttlMs / 2);
    item.cancel = this.#ctx.clock.setTimeout(() => {
      item.cancel = undefined;
      if (this.#published.get(idKey(item.record.key)) !== item) return;
      this.#ctx.counters.republished++;
      this.#limiter.run(() => this.#put(item.record));
      this.#schedule(item);
    }, delay);
  }

  #scheduleSweep(): void {
    this.#cancelSweep = this.#ctx.clock.setTimeout(() => {
      this.#sweep();
      this.#scheduleSweep();
    }, this.#ctx.config.replicaRepublishIntervalMs);
  }

  #sweep(): void {
    const { store, clock, config, self } = this.#ctx;
    const now = clock.now();
    let count = 0;
    for (const record of store.entries()) {
      if (count >= MAX_REPUBLISH_PER_SWEEP) break;
      if (record.publisher && bytesEqual(record.publisher, self)) continue; // publisher duty covers it
      if (now - record.storedAt < config.replicaRepublishIntervalMs) continue;
      const remaining = record.expiresAt - now;
      if (remaining < MIN_REPUBLISH_TTL_MS) continue;
      count++;
      this.#ctx.counters.republished++;
      this.#limiter.run(() => this.#put({ key: record.key, value: record.value, ttlMs: remaining, publisher: record.publisher }));
    }
  }

  async #put(record: PutRecord): Promise<void> {
    const it = runPut(this.#ctx, record, this.#controller?.signal);
    while (!(await it.next()).done) { /* drain */ }
  }
}
