import { bytesEqual } from "@plexus/core";
import type { Cancel, Clock, NodeId, RecordStore } from "@plexus/core";
import { Limiter } from "../async/timing.js";
import { BACKGROUND_LOOKUP_CONCURRENCY, MAX_REPUBLISH_PER_SWEEP, MIN_REPUBLISH_TTL_MS } from "../config/constants.js";
import { bytesKey } from "../ids/bytes-key.js";
import type { PutRecord } from "../query/types.js";
import type { Counters } from "../stats/counters.js";

/** What republishing uses. */
export interface RepublishComponents {
  readonly store: RecordStore;
  readonly clock: Clock;
  readonly counters: Counters;
  /** Puts a record on the k closest nodes (a drained put). */
  readonly put: (record: PutRecord, signal: AbortSignal | undefined) => Promise<unknown>;
}

/** Republish settings (from `NodeInit`). */
export interface RepublishInit {
  readonly self: NodeId;
  readonly republishIntervalMs: number;
  readonly replicaRepublishIntervalMs: number;
  readonly maxPublishedItems: number;
}

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
  readonly #c: RepublishComponents;
  readonly #init: RepublishInit;
  /** Bound: maxPublishedItems (the oldest is dropped past it). Made on the first publish (most nodes publish nothing). */
  #published: Map<string, Published> | undefined;
  /** Bound: MAX_REPUBLISH_PER_SWEEP queued puts. */
  readonly #limiter = new Limiter(BACKGROUND_LOOKUP_CONCURRENCY, MAX_REPUBLISH_PER_SWEEP);
  #running = false;
  /** Aborts the puts in flight on stop; made by the first put while running. */
  #controller: AbortController | undefined;
  #cancelSweep: Cancel | undefined;

  constructor(components: RepublishComponents, init: RepublishInit) {
    this.#c = components;
    this.#init = init;
  }

  /** Items this node republishes as publisher. */
  get publishedCount(): number {
    return this.#published?.size ?? 0;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#scheduleSweep();
  }

  /** Cancels every timer and forgets the published items. */
  stop(): void {
    this.#cancelSweep?.();
    this.#cancelSweep = undefined;
    for (const item of this.#published?.values() ?? []) item.cancel?.();
    this.#published = undefined;
    this.#limiter.clear();
    this.#running = false;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  /** Takes on the publisher's duty for `record` (replacing an earlier item with its key). */
  publish(record: PutRecord): void {
    const key = bytesKey(record.key);
    this.unpublish(record.key);
    const published = (this.#published ??= new Map());
    if (published.size >= this.#init.maxPublishedItems) {
      const oldest = published.keys().next();
      if (!oldest.done) this.#drop(oldest.value);
    }
    const item: Published = { record, cancel: undefined };
    published.set(key, item);
    this.#schedule(item);
  }

  /** Stops republishing `key`; true when it was published. */
  unpublish(key: NodeId): boolean {
    return this.#drop(bytesKey(key));
  }

  #drop(key: string): boolean {
    const item = this.#published?.get(key);
    if (!item) return false;
    item.cancel?.();
    this.#published!.delete(key);
    return true;
  }

  #schedule(item: Published): void {
    const delay = Math.min(this.#init.republishIntervalMs, item.record.ttlMs / 2);
    item.cancel = this.#c.clock.setTimeout(() => {
      item.cancel = undefined;
      if (this.#published?.get(bytesKey(item.record.key)) !== item) return;
      this.#c.counters.republished++;
      this.#limiter.run(() => this.#put(item.record));
      this.#schedule(item);
    }, delay);
  }

  #scheduleSweep(): void {
    this.#cancelSweep = this.#c.clock.setTimeout(() => {
      this.#sweep();
      this.#scheduleSweep();
    }, this.#init.replicaRepublishIntervalMs);
  }

  #sweep(): void {
    const { store, clock } = this.#c;
    const { self, replicaRepublishIntervalMs } = this.#init;
    const now = clock.now();
    let count = 0;
    for (const record of store.entries()) {
      if (count >= MAX_REPUBLISH_PER_SWEEP) break;
      if (record.publisher && bytesEqual(record.publisher, self)) continue; // publisher duty covers it
      if (now - record.storedAt < replicaRepublishIntervalMs) continue;
      const remaining = record.expiresAt - now;
      if (remaining < MIN_REPUBLISH_TTL_MS) continue;
      count++;
      this.#c.counters.republished++;
      this.#limiter.run(() => this.#put({ key: record.key, value: record.value, ttlMs: remaining, publisher: record.publisher }));
    }
  }

  #put(record: PutRecord): Promise<unknown> {
    return this.#c.put(record, this.#running ? (this.#controller ??= new AbortController()).signal : undefined);
  }
}
