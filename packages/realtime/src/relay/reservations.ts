import type { Address, Clock, Contact, NodeId } from "@plexus/core";
import { bytesKey } from "@plexus/node";

/** One node behind a NAT that a relay introduces and forwards to. */
export interface Reservation {
  /** Its id and the address its RESERVE came from (its NAT mapping toward the relay). */
  readonly contact: Contact;
  /** Its RESERVE flags (bit 0: symmetric NAT). */
  readonly flags: number;
  readonly expiresAt: number;
}

/**
 * The reservations a relay holds (docs/protocol.md 13.2), by reserving node id, each until
 * its TTL runs out. Bound: `max` entries; a new one past it is refused unless an expired one
 * can be dropped (expired entries are swept then, and never served).
 */
export class Reservations {
  readonly #clock: Clock;
  readonly #max: number;
  /** By node id key. Bound: `max`. */
  readonly #byId = new Map<string, Reservation>();

  constructor(clock: Clock, max: number) {
    this.#clock = clock;
    this.#max = max;
  }

  get size(): number {
    return this.#byId.size;
  }

  /** The live reservation of `id`, if any. */
  get(id: NodeId): Reservation | undefined {
    const r = this.#byId.get(bytesKey(id));
    if (r && r.expiresAt <= this.#clock.now()) {
      this.#byId.delete(bytesKey(id));
      return undefined;
    }
    return r;
  }

  /** Adds or renews `id`'s reservation (ttl 0 removes it); false when full. */
  set(id: NodeId, from: Address, flags: number, ttlMs: number): boolean {
    const key = bytesKey(id);
    if (ttlMs === 0) return this.#byId.delete(key) || true;
    if (!this.#byId.has(key) && this.#byId.size >= this.#max) this.#sweep();
    if (!this.#byId.has(key) && this.#byId.size >= this.#max) return false;
    this.#byId.set(key, { contact: { id, host: from.host, port: from.port }, flags, expiresAt: this.#clock.now() + ttlMs });
    return true;
  }

  clear(): void {
    this.#byId.clear();
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [key, r] of this.#byId) if (r.expiresAt <= now) this.#byId.delete(key);
  }
}
