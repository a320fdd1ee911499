import type { Clock } from "@plexus/core";
import type { OriginAuth } from "@plexus/wire";
import type { NodeIdentity } from "../identity/identity.js";
import { signOrigin } from "./origin-signature.js";
import type { OriginFields, OriginKindCode } from "./origin-signature.js";

/** Sequence numbers per clock millisecond: microseconds, so the counter stays ahead of time only past 10^6 messages/s. */
const SEQ_PER_MS = 1000;

/**
 * Signs this node's messages as their origin (docs/protocol.md 10.7). One per node, shared
 * by broadcast and the layers, so that its sequence numbers never repeat: each is
 * `max(last + 1, clock.now() x 1000)`, so it also grows across a restart when the clock does
 * (the facade's `wallClock`; a clock that starts again at 0 with the same identity is
 * refused by peers that heard the old numbers within their replay window).
 */
export class OriginSigner {
  readonly #identity: NodeIdentity;
  readonly #clock: Clock;
  #last = 0;

  constructor(identity: NodeIdentity, clock: Clock) {
    this.#identity = identity;
    this.#clock = clock;
  }

  /** The signature of a new message of `kind` with `fields`. */
  sign(kind: OriginKindCode, fields: OriginFields): OriginAuth {
    const now = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(this.#clock.now() * SEQ_PER_MS));
    this.#last = Math.min(Number.MAX_SAFE_INTEGER, Math.max(this.#last + 1, now));
    return signOrigin(this.#identity, kind, fields, this.#last);
  }
}
