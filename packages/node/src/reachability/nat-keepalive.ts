import { addressKey } from "@plexus/core";
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

  constructor(components: NatKeepAliveComponents, intervalMs: number) {
    this.#c = components;
    this.#intervalMs = intervalMs;
  }

  /** Sets the contacts `owner` needs reachable from (an empty list releases them). */
  hold(owner: string, contacts: readonly Contact[]): void {
    this.#owners?.delete(owner);
    if (contacts.length === 0) return;
    const owners = (this.#owners ??= new Map());
    owners.set(owner, contacts.slice(0, MAX_CONTACTS_PER_OWNER));
    if (owners.size > MAX_OWNERS) owners.delete(owners.keys().next().value!);
  }

  start(): void {
    if (this.#cancel || this.#intervalMs <= 0) return;
    const tick = (): void => {
      this.#tick();
      this.#cancel = this.#c.clock.setTimeout(tick, this.#intervalMs);
    };
    this.#cancel = this.#c.clock.setTimeout(tick, this.#intervalMs);
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

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
