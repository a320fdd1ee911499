import type { Address, Clock } from "@plexus/core";
import type { OriginAuth } from "@plexus/wire";
import { bytesKey } from "../ids/bytes-key.js";
import { TokenBuckets } from "../limits/token-buckets.js";
import { subnetOf } from "../routing/subnet-limits.js";
import { checkOrigin } from "./origin-signature.js";
import type { OriginFields, OriginKindCode } from "./origin-signature.js";
import { ReplayWindow } from "./replay-window.js";

/** Settings of {@link OriginGuard}. */
export interface OriginGuardInit {
  /** Check signatures and replays; false accepts every origin as claimed (rate limits still apply). */
  readonly verify: boolean;
  /** Messages accepted per origin per second, burst ORIGIN_BURST_SECONDS of it; `Infinity`: no limit. */
  readonly perOriginPerSecond: number;
  /**
   * Messages accepted per source subnet (IPv4 /24, IPv6 /64; loopback exempt) per second,
   * burst SUBNET_BURST_SECONDS of it; `Infinity`: no limit.
   */
  readonly perSubnetPerSecond: number;
  /** Loopback sources are exempt from the subnet cap (NodeInit.exemptLoopback). @default true */
  readonly exemptLoopback?: boolean;
}

/** Why a message was refused, or "ok". */
export type OriginVerdict = "ok" | "unsigned" | "forged" | "replayed" | "limited";

/** Seconds of its rate a quiet origin may save up (a chat user's burst of lines). */
const ORIGIN_BURST_SECONDS = 10;
/** Seconds of its rate a quiet source subnet may save up (as the request budget, limits/source-budget.ts). */
const SUBNET_BURST_SECONDS = 2;
/** Origins (and subnets) tracked by the rate limits and the replay window. */
const MAX_TRACKED = 4096;
/** Sequence numbers remembered per origin (reordering tolerated). */
const REPLAY_WIDTH = 32;

/**
 * The receiving side of origin authentication (docs/protocol.md 10.7) for one kind of
 * message: the first copy of a message id passes, cheapest check first, through
 * 1. the source subnet's rate limit (charged before the ed25519 verify, so a flood of
 *    forgeries costs a bounded amount of CPU, and to the sender's subnet, not the claimed origin);
 * 2. the signature: present, SHA-256(publicKey) = origin, valid over the payload;
 * 3. the replay window of the origin's sequence numbers;
 * 4. the origin's own rate limit (charged only once the origin is proven, so forgeries
 *    never use up an honest origin's budget).
 * Bounds: MAX_TRACKED origins and subnets each (about 2 MB in all).
 */
export class OriginGuard {
  readonly #init: OriginGuardInit;
  readonly #bySubnet: TokenBuckets;
  readonly #byOrigin: TokenBuckets;
  readonly #replays: ReplayWindow;

  constructor(clock: Clock, init: OriginGuardInit) {
    this.#init = init;
    this.#bySubnet = new TokenBuckets(clock, { ratePerSecond: init.perSubnetPerSecond, burstSeconds: SUBNET_BURST_SECONDS, maxKeys: MAX_TRACKED });
    this.#byOrigin = new TokenBuckets(clock, { ratePerSecond: init.perOriginPerSecond, burstSeconds: ORIGIN_BURST_SECONDS, maxKeys: MAX_TRACKED });
    this.#replays = new ReplayWindow({ width: REPLAY_WIDTH, maxOrigins: MAX_TRACKED });
  }

  /** Checks a message of `kind` that arrived from `from`; "ok" means deliver it. */
  check(kind: OriginKindCode, fields: OriginFields, auth: OriginAuth | undefined, from: Address): OriginVerdict {
    const subnet = subnetOf(from.host, this.#init.exemptLoopback);
    if (subnet !== undefined && !this.#bySubnet.take(subnet)) return "limited";
    if (this.#init.verify) {
      if (auth === undefined) return "unsigned";
      if (!checkOrigin(auth, kind, fields)) return "forged";
      if (!this.#replays.accept(fields.origin, auth.seq)) return "replayed";
    }
    return this.#byOrigin.take(bytesKey(fields.origin)) ? "ok" : "limited";
  }

  /** Forgets every budget and sequence number (on stop). */
  clear(): void {
    this.#bySubnet.clear();
    this.#byOrigin.clear();
    this.#replays.clear();
  }
}
