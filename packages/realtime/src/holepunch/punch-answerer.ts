import { addressKey } from "@plexus/core";
import type { Address } from "@plexus/core";
import type { ProtocolHost } from "@plexus/node";
import { MAX_PUNCHES_IN_FLIGHT } from "../constants.js";
import type { PunchMessage } from "../messages/index.js";
import type { Reserver } from "../relay/reserver.js";
import type { RealtimeCounters } from "../stats.js";
import type { Connector } from "./connector.js";
import { punch } from "./puncher.js";

/**
 * The target side of a hole punch: a PUNCH from one of this node's relays says a requester
 * wants in from `address` (as the relay saw it); this node PINGs it at once, while the
 * requester PINGs this node's mapping (docs/protocol.md 13.3). Only a live relay may ask, and
 * at most MAX_PUNCHES_IN_FLIGHT punches run at once (more are dropped). A node judged
 * symmetric punches too (the requester decides whether to try: not when both are).
 */
export class PunchAnswerer {
  readonly #host: ProtocolHost;
  readonly #reserver: Reserver;
  readonly #counters: RealtimeCounters;
  readonly #connector: Connector;
  /** Peers being punched to now. Bound: MAX_PUNCHES_IN_FLIGHT. */
  #inFlight: Set<string> | undefined; // made on first use

  constructor(host: ProtocolHost, reserver: Reserver, counters: RealtimeCounters, connector: Connector) {
    this.#host = host;
    this.#connector = connector;
    this.#reserver = reserver;
    this.#counters = counters;
  }

  /**
   * True when the PUNCH is taken (the handler ACKs it); false when dropped unanswered. From a
   * relay of ours: a requester wants in, punch toward it. From the node this node is
   * connecting to: its punch arrived, and `from` is where its NAT maps it toward us.
   */
  onPunch(m: PunchMessage, from: Address): boolean {
    if (!this.#reserver.isRelay(from)) return this.#connector.arrived(m.sender, from);
    const key = addressKey(m.address);
    if (this.#inFlight?.has(key) || (this.#inFlight?.size ?? 0) >= MAX_PUNCHES_IN_FLIGHT) return true;
    (this.#inFlight ??= new Set()).add(key);
    this.#counters.punchesAnswered++;
    // PUNCH, not PING, toward the requester: its layer sees it and learns our mapping from it
    // (a NAT that gave our outbound datagram another port than the relay saw is thus no obstacle).
    const body = { type: "PUNCH" as const, peer: m.peer, address: m.address };
    void punch(this.#host, m.peer, m.address, undefined, body).finally(() => this.#inFlight?.delete(key));
    return true;
  }

  stop(): void {
    this.#inFlight = undefined;
  }
}
