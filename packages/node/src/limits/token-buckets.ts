import { setNewest } from "@plexus/core";
import type { Clock } from "@plexus/core";

/** Settings of {@link TokenBuckets}. */
export interface TokenBucketsInit {
  /** Tokens per second per key; `Infinity` turns the limit off. */
  readonly ratePerSecond: number;
  /** Seconds of tokens a quiet key saves up: the burst is `ratePerSecond` times this. */
  readonly burstSeconds: number;
  /** Keys tracked at once (the oldest is forgotten first, with its budget). */
  readonly maxKeys: number;
}

interface Bucket {
  tokens: number;
  /** Clock time of the last refill. */
  at: number;
}

/**
 * One token bucket per key (an origin id, a subnet) on the injected Clock: `take(key)`
 * spends one token (or `amount`: bytes) and says whether there were enough. Bound: `maxKeys` buckets (~100 B each);
 * a key forgotten to make room starts again from a full burst, so a limit keyed by
 * something an attacker chooses freely (origin ids) must be backed by one it cannot
 * (the source subnet).
 */
export class TokenBuckets {
  readonly #clock: Clock;
  readonly #init: TokenBucketsInit;
  /** By key, in insertion order. Bound: maxKeys entries. Made on the first take (many limits never see a key). */
  #buckets: Map<string, Bucket> | undefined;

  constructor(clock: Clock, init: TokenBucketsInit) {
    this.#clock = clock;
    this.#init = init;
  }

  /** Spends `amount` tokens of `key` (one by default); false when it had fewer left. */
  take(key: string, amount = 1): boolean {
    const { ratePerSecond: rate, burstSeconds, maxKeys } = this.#init;
    if (rate === Infinity) return true;
    const burst = rate * burstSeconds;
    const now = this.#clock.now();
    const buckets = (this.#buckets ??= new Map());
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: burst, at: now };
      setNewest(buckets, key, bucket, maxKeys);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * rate);
      bucket.at = now;
    }
    if (bucket.tokens < amount) return false;
    bucket.tokens -= amount;
    return true;
  }

  /** Forgets every bucket. */
  clear(): void {
    this.#buckets = undefined;
  }
}
