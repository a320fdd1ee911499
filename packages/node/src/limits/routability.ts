import { addressKey, setNewest } from "@plexus/core";
import type { Address, Clock } from "@plexus/core";
import { subnetOf } from "../routing/subnet-limits.js";

/** How long an address stays proven after its last proof (a round trip or a valid token). */
export const PROVEN_MS = 10 * 60_000;
/** How long the bytes of an unproven address's requests stay available for replies. */
export const CREDIT_MS = 10_000;
/** Proven addresses remembered (~120 B each with the Map entry: ~1 MiB); the oldest proof goes first. */
const MAX_PROVEN = 8192;
/** Unproven addresses with credit (~150 B each: ~0.6 MiB); the oldest goes first. */
const MAX_CREDITS = 4096;

/** Checks an address token a request carried (the store tokens of docs/protocol.md 10.3). */
export interface TokenCheck {
  check(token: Uint8Array | undefined, address: Address): boolean;
}

interface Credit {
  bytes: number;
  until: number;
}

/**
 * Return routability (docs/protocol.md 10.6, discv5's rule): this node never sends an address
 * more bytes than it received from it until the address has proven it can receive. An
 * address is proven for PROVEN_MS when it answered one of this node's requests (the reply
 * echoed a random rid only a receiver sees) or when a request from it carried a valid
 * address token. Until then each request's size is credit, spent by the replies to it; a
 * reply that does not fit is replaced by the small ERROR RETRY_WITH_TOKEN (see Responder),
 * so a spoofed source makes this node reflect at most what the spoofer sent.
 *
 * Loopback sources are exempt (this host: tests and the simulator). Bound: MAX_PROVEN +
 * MAX_CREDITS entries.
 */
export class Routability {
  readonly #clock: Clock;
  readonly #tokens: TokenCheck;
  readonly #exemptLoopback: boolean;
  /** addressKey -> time the proof expires. Bound: MAX_PROVEN. Made on first use (exempt loopback peers never need it). */
  #proven: Map<string, number> | undefined;
  /** addressKey -> credit of an unproven address. Bound: MAX_CREDITS. Made on first use. */
  #credit: Map<string, Credit> | undefined;

  /** `exemptLoopback`: loopback addresses count as proven (NodeInit.exemptLoopback). */
  constructor(clock: Clock, tokens: TokenCheck, exemptLoopback = true) {
    this.#clock = clock;
    this.#tokens = tokens;
    this.#exemptLoopback = exemptLoopback;
  }

  /** A request of `bytes` came from `from`, carrying `token` (or none). */
  received(from: Address, bytes: number, token: Uint8Array | undefined): void {
    if (this.#exempt(from)) return;
    if (token !== undefined && this.#tokens.check(token, from)) {
      this.proved(from);
      return;
    }
    const key = addressKey(from);
    if (this.#isProven(key)) return;
    const now = this.#clock.now();
    const credits = (this.#credit ??= new Map());
    const credit = credits.get(key);
    if (credit !== undefined && credit.until > now) {
      credit.bytes += bytes;
      credit.until = now + CREDIT_MS;
      return;
    }
    setNewest(credits, key, { bytes, until: now + CREDIT_MS }, MAX_CREDITS);
  }

  /** `from` answered one of this node's requests: it receives what is sent to it. */
  proved(from: Address): void {
    if (this.#exempt(from)) return;
    const key = addressKey(from);
    this.#credit?.delete(key);
    const proven = (this.#proven ??= new Map());
    setNewest(proven, key, this.#clock.now() + PROVEN_MS, MAX_PROVEN);
  }

  /** True when `to` is proven (or exempt): anything may be sent there. */
  isProven(to: Address): boolean {
    return this.#exempt(to) || this.#isProven(addressKey(to));
  }

  /**
   * True when `bytes` may go to `to` now: it is proven, or its unspent credit covers them
   * (and is spent). False: send something smaller, or nothing.
   */
  pay(to: Address, bytes: number): boolean {
    if (this.#exempt(to)) return true;
    const key = addressKey(to);
    if (this.#isProven(key)) return true;
    const credit = this.#credit?.get(key);
    if (credit === undefined || credit.until <= this.#clock.now() || credit.bytes < bytes) return false;
    credit.bytes -= bytes;
    return true;
  }

  /** Loopback (unless told otherwise) and anything that is not an IP literal, as for the other limits. */
  #exempt(address: Address): boolean {
    return subnetOf(address.host, this.#exemptLoopback) === undefined;
  }

  #isProven(key: string): boolean {
    const until = this.#proven?.get(key);
    if (until === undefined) return false;
    if (until > this.#clock.now()) return true;
    this.#proven!.delete(key);
    return false;
  }
}
