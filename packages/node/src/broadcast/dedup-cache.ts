import type { Clock } from "@plexus/core";
import { bytesKey } from "../ids/bytes-key.js";

/**
 * Remembers ids seen within a time window, for de-duplication of broadcasts (and of the layers' message ids). Bounded both
 * ways: at most `maxSize` ids (the oldest is forgotten first) and none older than
 * `windowMs`. A Map keeps insertion order, which is also time order, so expiry only ever
 * looks at the head.
 */
export class DedupCache {
  readonly #clock: Clock;
  readonly #maxSize: number;
  readonly #windowMs: number;
  /** key -> time seen. Bound: maxSize. Made on the first record (most caches of a simulation stay empty). */
  #seen: Map<string, number> | undefined;

  constructor(clock: Clock, maxSize: number, windowMs: number) {
    this.#clock = clock;
    this.#maxSize = maxSize;
    this.#windowMs = windowMs;
  }

  /** Number of ids remembered. */
  get size(): number {
    return this.#seen?.size ?? 0;
  }

  /** True when `id` was recorded within the window (records nothing). */
  has(id: Uint8Array): boolean {
    if (this.#seen === undefined) return false;
    this.#expire(this.#clock.now());
    return this.#seen.has(bytesKey(id));
  }

  /** Records `id`; returns true when it was already seen within the window. */
  check(id: Uint8Array): boolean {
    const now = this.#clock.now();
    this.#expire(now);
    const seen = (this.#seen ??= new Map());
    const key = bytesKey(id);
    if (seen.has(key)) return true;
    if (seen.size >= this.#maxSize) {
      const oldest = seen.keys().next();
      if (!oldest.done) seen.delete(oldest.value);
    }
    seen.set(key, now);
    return false;
  }

  /** Forgets everything. */
  clear(): void {
    this.#seen = undefined;
  }

  #expire(now: number): void {
    const seen = this.#seen;
    if (seen === undefined) return;
    for (const [key, at] of seen) {
      if (now - at < this.#windowMs) return;
      seen.delete(key);
    }
  }
}
