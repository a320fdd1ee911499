import { addressKey } from "@plexus/core";
import type { Address } from "@plexus/core";

/** What an observer's PONG without `observed` is remembered as. */
const NONE = "-";
/** Observers remembered (the peers whose PONGs report this node's address). */
const MAX_OBSERVERS = 32;

/**
 * Tells a NAT rebind from the addresses PONGs report for this node (docs/nat.md): an observer
 * reporting another address than it did before, or none where it reported one (a peer reports
 * it only to a source address it holds proven, docs/protocol.md 10.6: a new mapping is not),
 * means the NAT gave this node a new mapping;
 * behind a NAT that maps one port for every destination (not symmetric), so does any report
 * that differs from the last one, whoever sent it. One report is enough: what it triggers
 * (renewing the reservations at the relays this node chose, rate-limited by the caller) sends
 * only to those relays, so a lying observer gains nothing. Bound: MAX_OBSERVERS observers,
 * oldest first out.
 */
export class RebindWatch {
  /** Observer address key -> the address it last reported. Bound: MAX_OBSERVERS. */
  readonly #last = new Map<string, string>();
  /** The last address reported by anyone. */
  #lastAny: string | undefined;

  /**
   * `observer` reported `observed` (`undefined`: none): true when it reported another address
   * before, or none after one, or (not `symmetric`) when the last address anyone reported differs.
   */
  changed(observed: Address | undefined, observer: Address, symmetric: boolean): boolean {
    const key = addressKey(observer);
    const seen = observed ? addressKey(observed) : NONE;
    const before = this.#last.get(key);
    const beforeAny = this.#lastAny;
    this.#last.delete(key);
    if (this.#last.size >= MAX_OBSERVERS) this.#last.delete(this.#last.keys().next().value!);
    this.#last.set(key, seen);
    if (seen === NONE) return before !== undefined && before !== NONE;
    this.#lastAny = seen;
    return (before !== undefined && before !== NONE && before !== seen) || (!symmetric && beforeAny !== undefined && beforeAny !== seen);
  }

  clear(): void {
    this.#last.clear();
    this.#lastAny = undefined;
  }
}
