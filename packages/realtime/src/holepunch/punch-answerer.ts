import { addressKey } from "@plexus/core";
import type { Address } from "@plexus/core";
import type { ProtocolHost } from "@plexus/node";
import { MAX_PUNCHES_IN_FLIGHT } from "../constants.js";
import type { PunchMessage } from "../messages/index.js";
import type { Reserver } from "../relay/reserver.js";
import type { RealtimeCounters } from "../stats.js";
import { punch } from "./puncher.js";

/**
 * The target side of a hole punch: a PUNCH from one of this node's relays says a requester
 * wants in from `address` (as the relay saw it); this node PINGs it at once, while the
 * requester PINGs this node's mapping (docs/protocol.md 14.3). Only a live relay may ask, and
 * at most MAX_PUNCHES_IN_FLIGHT punches run at once (more are dropped). A node judged
 * symmetric punches too (the requester decides whether to try: not when both are).
 */
export class PunchAnswerer {
  readonly #host: ProtocolHost;
  readonly #reserver: Reserver;
  readonly #counters: RealtimeCounters;
  /** Peers being punched to now. Bound: MAX_PUNCHES_IN_FLIGHT. */
  readonly #inFlight = new Set<string>();

  constructor(host: ProtocolHost, reserver: Reserver, counters: RealtimeCounters) {
    this.#host = host;
    this.#reserver = reserver;
    this.#counters = counters;
  }

  /** True when the PUNCH is taken (the handler ACKs it); false when dropped unanswered. */
  onPunch(m: PunchMessage, from: Address): boolean {
    if (!this.#reserver.isRelay(from)) return false;
    const key = addressKey(m.address);
    if (this.#inFlight.has(key) || this.#inFlight.size >= MAX_PUNCHES_IN_FLIGHT) return true;
    this.#inFlight.add(key);
    this.#counters.punchesAnswered++;
    void punch(this.#host, m.peer, m.address).finally(() => this.#inFlight.delete(key));
    return true;
  }

  stop(): void {
    this.#inFlight.clear();
  }
}
