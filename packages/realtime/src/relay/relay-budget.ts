import type { Clock } from "@plexus/core";
import { TokenBuckets } from "@plexus/node";

/** The rates of a {@link RelayBudget}. */
export interface RelayBudgetInit {
  readonly messagesPerSecond: number;
  readonly bytesPerSecond: number;
  readonly totalMessagesPerSecond: number;
  readonly totalBytesPerSecond: number;
  /** Reservations tracked (the relay's `maxReservations`). */
  readonly maxKeys: number;
}

/** Seconds of tokens a quiet reservation (or relay) saves up. */
const BURST_SECONDS = 2;
const TOTAL = "*";

/**
 * What a relay lets through (docs/protocol.md 13.4): per reservation and for the whole relay,
 * messages and data bytes per second as token buckets on the injected clock. A message over
 * any of the four is refused (ERROR BUSY) and counted; nothing is queued.
 * Bound: `maxKeys` + 1 buckets of each kind.
 */
export class RelayBudget {
  readonly #messages: TokenBuckets;
  readonly #bytes: TokenBuckets;
  readonly #totalMessages: TokenBuckets;
  readonly #totalBytes: TokenBuckets;

  constructor(clock: Clock, init: RelayBudgetInit) {
    const buckets = (ratePerSecond: number, maxKeys: number): TokenBuckets => new TokenBuckets(clock, { ratePerSecond, burstSeconds: BURST_SECONDS, maxKeys });
    this.#messages = buckets(init.messagesPerSecond, init.maxKeys);
    this.#bytes = buckets(init.bytesPerSecond, init.maxKeys);
    this.#totalMessages = buckets(init.totalMessagesPerSecond, 1);
    this.#totalBytes = buckets(init.totalBytesPerSecond, 1);
  }

  /** Spends one message and `bytes` of reservation `key` and of the relay; false (nothing let through) when one is short. */
  take(key: string, bytes: number): boolean {
    // Checked in this order so that a flood toward one reservation spends its own budget, not the relay's.
    return this.#messages.take(key) && this.#bytes.take(key, bytes) && this.#totalMessages.take(TOTAL) && this.#totalBytes.take(TOTAL, bytes);
  }

  clear(): void {
    for (const b of [this.#messages, this.#bytes, this.#totalMessages, this.#totalBytes]) b.clear();
  }
}
