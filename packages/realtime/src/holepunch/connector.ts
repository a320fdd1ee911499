import { bytesEqual, setNewest } from "@plexus/core";
import type { Address, Contact, NodeId } from "@plexus/core";
import { bytesKey } from "@plexus/node";
import type { ProtocolHost } from "@plexus/node";
import { CONNECT_CANDIDATES, MAX_PENDING_PUNCHES, ROUTE_CACHE_MS, ROUTE_CACHE_SIZE } from "../constants.js";
import { CONNECTED_FLAG_BRIDGED, RESERVE_FLAG_SYMMETRIC } from "../messages/index.js";
import type { RealtimeReply } from "../messages/index.js";
import type { RealtimeCounters } from "../stats.js";
import { punch } from "./puncher.js";

/** How to reach a node that is in nobody's table: its punched address, or one of its relays. */
export type Route =
  | { readonly via: "direct"; readonly contact: Contact }
  | { readonly via: "relay"; readonly relay: Contact };

/** The target's reservation held by this node itself as a relay: its mapping toward us, if live. */
export type OwnReservation = (target: NodeId) => Contact | undefined;

/**
 * The requester side of reaching a node behind a NAT (docs/nat.md): asks the nodes closest
 * to the target, one after another, for its reservation (CONNECT); the relay that holds it
 * tells the target to punch and answers with the target's mapping, which this node PINGs at
 * the same time. A PONG means the path is open: traffic goes direct. When both sides are
 * behind symmetric NATs, or the punch fails, the route is the relay. Routes are remembered
 * ROUTE_CACHE_MS (below the UDP timeouts of NATs). Bound: ROUTE_CACHE_SIZE routes.
 */
export class Connector {
  readonly #host: ProtocolHost;
  readonly #counters: RealtimeCounters;
  /** Targets being punched now -> the address their PUNCH came from, once it did. Bound: MAX_PENDING_PUNCHES. */
  #pending: Map<string, { address: Address | undefined }> | undefined; // made on first use
  /** By target id key. Bound: ROUTE_CACHE_SIZE, oldest first out. */
  #routes: Map<string, { readonly route: Route; readonly at: number }> | undefined; // made on first use

  readonly #own: OwnReservation;

  constructor(host: ProtocolHost, counters: RealtimeCounters, own: OwnReservation = () => undefined) {
    this.#host = host;
    this.#counters = counters;
    this.#own = own;
  }

  /** A remembered route to `target`, if fresh. */
  cached(target: NodeId): Route | undefined {
    const hit = this.#routes?.get(bytesKey(target));
    return hit && this.#host.clock.now() - hit.at < ROUTE_CACHE_MS ? hit.route : undefined;
  }

  /** The target's own PUNCH reached this node from `from`: true (ACK it) while we punch toward it. */
  arrived(target: NodeId, from: Address): boolean {
    const pending = this.#pending?.get(bytesKey(target));
    if (!pending) return false;
    pending.address = { host: from.host, port: from.port };
    return true;
  }

  forget(target: NodeId): void {
    this.#routes?.delete(bytesKey(target));
  }

  /** Finds `target`'s relay among `closest` and punches; `undefined` when none holds a reservation. */
  async connect(target: NodeId, closest: readonly Contact[], signal: AbortSignal): Promise<Route | undefined> {
    const host = this.#host;
    for (const relay of closest.slice(0, CONNECT_CANDIDATES)) {
      if (bytesEqual(relay.id, target) || bytesEqual(relay.id, host.id)) continue;
      let reply: RealtimeReply;
      try {
        reply = (await host.request<RealtimeReply>(relay, { type: "CONNECT", target }, relay.id, { retries: 1, signal })).message;
      } catch {
        if (signal.aborted) throw signal.reason;
        continue;
      }
      if (reply.type !== "CONNECTED") continue;
      let route: Route = { via: "relay", relay };
      // Punching cannot work when both NATs map per destination. With one, it may: a NAT judged
      // symmetric is often a port-preserving cone whose port was taken once (Linux MASQUERADE).
      // A bridged server is of a family this node cannot reach (docs/protocol.md 13.6): relayed, never punched.
      const bridged = (reply.flags & CONNECTED_FLAG_BRIDGED) !== 0;
      if (!bridged && ((reply.flags & RESERVE_FLAG_SYMMETRIC) === 0 || host.natType !== "symmetric")) {
        this.#counters.punchesTried++;
        const at = await this.#punch(target, reply.address, signal);
        if (at) {
          this.#counters.punchesSucceeded++;
          route = { via: "direct", contact: { id: target, host: at.host, port: at.port } };
        }
      }
      this.#remember(target, route);
      return route;
    }
    // None of them holds it, but this node does (no lookup returns ourselves, and the target's
    // other relays may be of a family we lack): straight to the mapping it renews toward us. Last,
    // not first: right after the target's NAT rebinds, that mapping is stale until its next
    // RESERVE, while a relay it renewed at once (reservesOnRebind) knows the new one.
    const mine = this.#own(target);
    return mine ? { via: "direct", contact: mine } : undefined;
  }

  stop(): void {
    this.#routes = undefined;
    this.#pending = undefined;
  }

  /**
   * PINGs the target at the address the relay saw, or at the one its PUNCH came from once it
   * did (its NAT may have mapped our path elsewhere); the address that answered, if any.
   */
  async #punch(target: NodeId, seen: Address, signal: AbortSignal): Promise<Address | undefined> {
    const key = bytesKey(target);
    if (this.#pending?.has(key) || (this.#pending?.size ?? 0) >= MAX_PENDING_PUNCHES) return undefined;
    const pending: { address: Address | undefined } = { address: undefined };
    (this.#pending ??= new Map()).set(key, pending);
    try {
      let last = seen;
      const ok = await punch(this.#host, target, seen, signal, undefined, () => (last = pending.address ?? seen));
      return ok ? last : undefined;
    } finally {
      this.#pending?.delete(key);
    }
  }

  #remember(target: NodeId, route: Route): void {
    const key = bytesKey(target);
    setNewest(this.#routes ??= new Map(), key, { route, at: this.#host.clock.now() }, ROUTE_CACHE_SIZE);
  }
}
