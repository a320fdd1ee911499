import { addressKey, setNewest } from "@plexus/core";
import type { Cancel, Clock, Contact } from "@plexus/core";
import type { Rpc } from "../rpc/rpc.js";
import type { Counters } from "../stats/counters.js";

/** What keeps the mappings open. */
export interface NatKeepAliveComponents {
  readonly clock: Clock;
  readonly rpc: Rpc;
  readonly counters: Counters;
  /** Whether this node is behind a NAT now (a client: its mappings are what let peers send to it). */
  readonly needed: () => boolean;
}

/** Owners (a layer's topics, ...) whose contacts are kept: beyond this, the oldest owner is dropped. */
const MAX_OWNERS = 1024;
/** Contacts one owner may hold open. */
const MAX_CONTACTS_PER_OWNER = 8;
const PING = { type: "PING" } as const;

/**
 * Keeps the NAT mappings toward exactly the contacts that must reach this node unasked
 * (issue 18): the rendezvous nodes of its topic subscriptions, which send it DELIVERs. While
 * the node is behind a NAT, each such address gets a PING every `natKeepAliveMs` (below the
 * ~30 s UDP timeout of aggressive home routers); a node with a direct address sends none, and
 * table contacts keep their own 25 s keep-alive. Counted in `stats().natKeepAlives`.
 * Bound: MAX_OWNERS owners x MAX_CONTACTS_PER_OWNER contacts.
 */
export class NatKeepAlive {
  readonly #c: NatKeepAliveComponents;
  readonly #intervalMs: number;
  /** By owner: the contacts it needs open. Insertion order, oldest owner dropped first. Made on the first hold. */
  #owners: Map<string, readonly Contact[]> | undefined;
  #cancel: Cancel | undefined;
  /** The instant of the next tick of the schedule start() set; undefined while stopped. */
  #nextAt: number | undefined;

  constructor(components: NatKeepAliveComponents, intervalMs: number) {
    this.#c = components;
    this.#intervalMs = intervalMs;
  }

  /** Sets the contacts `owner` needs reachable from (an empty list releases them). */
  hold(owner: string, contacts: readonly Contact[]): void {
    this.#owners?.delete(owner);
    if (contacts.length === 0) return;
    setNewest(this.#owners ??= new Map(), owner, contacts.slice(0, MAX_CONTACTS_PER_OWNER), MAX_OWNERS);
    this.#arm();
  }

  start(): void {
    if (this.#nextAt !== undefined || this.#intervalMs <= 0) return;
    this.#nextAt = this.#c.clock.now() + this.#intervalMs;
    this.#arm();
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = this.#nextAt = undefined;
  }

  /**
   * Arms the timer for the next tick of the schedule, only while some owner holds contacts:
   * a tick with none sends nothing, and most nodes never hold any (a timer per node every
   * 15 s was ~15% of the 10,000-node simulator's lookup CPU). The ticks fall on the instants
   * of a timer that never stopped: start + n x interval.
   */
  #arm(): void {
    if (this.#nextAt === undefined || this.#cancel !== undefined || (this.#owners?.size ?? 0) === 0) return;
    const now = this.#c.clock.now();
    if (this.#nextAt < now) this.#nextAt += Math.ceil((now - this.#nextAt) / this.#intervalMs) * this.#intervalMs;
    this.#cancel = this.#c.clock.setTimeout(this.#onTick, this.#nextAt - now);
  }

  readonly #onTick = (): void => {
    this.#cancel = undefined;
    this.#nextAt = this.#c.clock.now() + this.#intervalMs;
    this.#tick();
    this.#arm();
  };

  #tick(): void {
    if (this.#owners === undefined || this.#owners.size === 0 || !this.#c.needed()) return;
    const sent = new Set<string>();
    for (const contacts of this.#owners.values()) {
      for (const contact of contacts) {
        const key = addressKey(contact);
        if (sent.has(key)) continue;
        sent.add(key);
        this.#c.counters.natKeepAlives++;
        this.#c.rpc.call(contact, PING, contact.id, { retries: 0 }, () => undefined, () => undefined);
      }
    }
  }
}
