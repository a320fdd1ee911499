import { addressKey, setNewest } from "@plexus/core";
import type { Address, Clock } from "@plexus/core";

/**
 * Addresses whose last request timed out after all its attempts (two or more), remembered for `forMs`
 * or until anything arrives from them. A request to such an address fails at once (as a
 * timeout) instead of costing every lookup that meets it another round of timeouts: after
 * a third of a network dies at once, each node pays for each dead peer once, not once per
 * lookup (docs/security.md "churn"). Bound: `max` addresses, the oldest dropped first.
 */
export class Unresponsive {
  readonly #clock: Clock;
  readonly #forMs: number;
  readonly #max: number;
  /** Until when each address is skipped, in insertion order. Bound: `max` entries. Made on the first mark. */
  #until: Map<string, number> | undefined;

  constructor(clock: Clock, forMs: number, max: number) {
    this.#clock = clock;
    this.#forMs = forMs;
    this.#max = max;
  }

  /** Remembers that `to` did not answer. */
  mark(to: Address): void {
    if (this.#forMs <= 0) return;
    const key = addressKey(to);
    const until = (this.#until ??= new Map());
    setNewest(until, key, this.#clock.now() + this.#forMs, this.#max);
  }

  /** True while `to` is to be skipped. */
  has(to: Address): boolean {
    const skipped = this.#until;
    if (skipped === undefined || skipped.size === 0) return false;
    const key = addressKey(to);
    const until = skipped.get(key);
    if (until === undefined) return false;
    if (until > this.#clock.now()) return true;
    skipped.delete(key);
    return false;
  }

  /** Something arrived from `from`: it is alive. */
  heardFrom(from: Address): void {
    if (this.#until !== undefined && this.#until.size !== 0) this.#until.delete(addressKey(from));
  }
}
