import type { Address, Clock, Contact, NodeId } from "@plexus/core";
import { bytesKey, subnetOf } from "@plexus/node";

/** One node behind a NAT that a relay introduces and forwards to. */
export interface Reservation {
  /** Its id and the address its RESERVE came from (its NAT mapping toward the relay). */
  readonly contact: Contact;
  /** Its RESERVE flags (bit 0: symmetric NAT). */
  readonly flags: number;
  readonly expiresAt: number;
  /** The subnet (IPv4 /24, IPv6 /64) its RESERVE came from; `undefined` when exempt (loopback). */
  readonly subnet: string | undefined;
}

/** What {@link Reservations} holds at most. */
export interface ReservationLimits {
  /** Reservations in all (`maxReservations`). */
  readonly max: number;
  /** Reservations of one subnet (IPv4 /24, IPv6 /64): one source cannot take the relay (`maxReservationsPerSubnet`). */
  readonly perSubnet: number;
  /** Loopback counts as no subnet (`exemptLoopback`). */
  readonly exemptLoopback: boolean;
}

/**
 * The reservations a relay holds (docs/protocol.md 13.2), by reserving node id, each until
 * its TTL runs out. Bound: `max` entries, `perSubnet` of them from one subnet (many clients
 * behind one carrier-grade NAT share one, so it is a share, not one each); a new one past
 * either is refused unless expired ones can be dropped (swept then, and never served).
 */
export class Reservations {
  readonly #clock: Clock;
  readonly #limits: ReservationLimits;
  /** By node id key. Bound: `max`. */
  #byId: Map<string, Reservation> | undefined; // made on first use
  /** Live reservations per subnet. Bound: `max` keys. */
  #perSubnet: Map<string, number> | undefined; // made on first use

  constructor(clock: Clock, limits: ReservationLimits) {
    this.#clock = clock;
    this.#limits = limits;
  }

  get size(): number {
    return this.#byId?.size ?? 0;
  }

  /** The live reservation of `id`, if any. */
  get(id: NodeId): Reservation | undefined {
    const r = this.#byId?.get(bytesKey(id));
    if (r && r.expiresAt <= this.#clock.now()) {
      this.#delete(bytesKey(id));
      return undefined;
    }
    return r;
  }

  /** Adds or renews `id`'s reservation (ttl 0 removes it); false when full. */
  set(id: NodeId, from: Address, flags: number, ttlMs: number): boolean {
    const key = bytesKey(id);
    const renewal = this.#byId?.has(key); // always taken, also from a new mapping (docs/protocol.md 13.2)
    this.#delete(key);
    if (ttlMs === 0) return true;
    const subnet = subnetOf(from.host, this.#limits.exemptLoopback);
    if (!renewal && !this.#fits(subnet)) this.#sweep();
    if (!renewal && !this.#fits(subnet)) return false;
    (this.#byId ??= new Map()).set(key, { contact: { id, host: from.host, port: from.port }, flags, expiresAt: this.#clock.now() + ttlMs, subnet });
    if (subnet !== undefined) (this.#perSubnet ??= new Map()).set(subnet, (this.#perSubnet.get(subnet) ?? 0) + 1);
    return true;
  }

  /** The live reservations' contacts (at most `max`): a relay sends them its broadcasts. */
  contacts(): Contact[] {
    const now = this.#clock.now();
    const live: Contact[] = [];
    for (const r of this.#byId?.values() ?? []) if (r.expiresAt > now) live.push(r.contact);
    return live;
  }

  clear(): void {
    this.#byId = undefined;
    this.#perSubnet = undefined;
  }

  #fits(subnet: string | undefined): boolean {
    const { max, perSubnet } = this.#limits;
    return (this.#byId?.size ?? 0) < max && (subnet === undefined || (this.#perSubnet?.get(subnet) ?? 0) < perSubnet);
  }

  #delete(key: string): void {
    const r = this.#byId?.get(key);
    if (!r) return;
    this.#byId?.delete(key);
    if (r.subnet === undefined) return;
    const left = (this.#perSubnet?.get(r.subnet) ?? 1) - 1;
    if (left > 0) this.#perSubnet!.set(r.subnet, left);
    else this.#perSubnet?.delete(r.subnet);
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [key, r] of this.#byId ?? []) if (r.expiresAt <= now) this.#delete(key);
  }
}
