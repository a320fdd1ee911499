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
  /** key -> time seen. Bound: maxSize. */
  readonly #seen = new Map<string, number>();

  constructor(clock: Clock, maxSize: number, windowMs: number) {
    this.#clock = clock;
    this.#maxSize = maxSize;
    this.#windowMs = windowMs;
  }

  /** Number of ids remembered. */
  get size(): number {
    return this.#seen.size;
  }

  /** True when `id` was recorded within the window (records nothing). */
  has(id: Uint8Array): boolean {
    this.#expire(this.#clock.now());
    return this.#seen.has(bytesKey(id));
  }

  /** Records `id`; returns true when it was already seen within the window. */
  check(id: Uint8Array): boolean {
    const now = this.#clock.now();
    this.#expire(now);
    const key = bytesKey(id);
    if (this.#seen.has(key)) return true;
    if (this.#seen.size >= this.#maxSize) {
      const oldest = this.#seen.keys().next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
    this.#seen.set(key, now);
    return false;
  }

  /** Forgets everything. */
  clear(): void {
    this.#seen.clear();
  }

  #expire(now: number): void {
    for (const [key, at] of this.#seen) {
      if (now - at < this.#windowMs) return;
      this.#seen.delete(key);
    }
  }
}
