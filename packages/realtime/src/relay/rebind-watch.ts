import { addressKey, isIPv4, setNewest } from "@plexus/core";
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
  /** The last address reported by anyone, per IP family (a dual-stack node has one in each). */
  #lastV4: string | undefined;
  #lastV6: string | undefined;

  /**
   * `observer` reported `observed` (`undefined`: none): true when it reported another address
   * before, or none after one, or (not `symmetric`) when the last address of that family anyone reported differs.
   */
  changed(observed: Address | undefined, observer: Address, symmetric: boolean): boolean {
    const key = addressKey(observer);
    const seen = observed ? addressKey(observed) : NONE;
    const before = this.#last.get(key);
    setNewest(this.#last, key, seen, MAX_OBSERVERS);
    if (seen === NONE) return before !== undefined && before !== NONE;
    const v4 = isIPv4(observed!.host);
    const beforeAny = v4 ? this.#lastV4 : this.#lastV6;
    if (v4) this.#lastV4 = seen;
    else this.#lastV6 = seen;
    return (before !== undefined && before !== NONE && before !== seen) || (!symmetric && beforeAny !== undefined && beforeAny !== seen);
  }

  clear(): void {
    this.#last.clear();
    this.#lastV4 = undefined;
    this.#lastV6 = undefined;
  }
}
