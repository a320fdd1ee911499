import { bindId, isIdBoundTo, needsBoundId, toHex } from "@plexus/core";
import type { Address, Contact, Log, NodeId, RoutingTable } from "@plexus/core";
import type { ShortlistRules } from "../query/shortlist.js";
import { subnetOf } from "../routing/subnet-limits.js";
import { socketHosts } from "../platform/local-hosts.js";

/** Where a node's own id stands against its address (NodeStats.idBinding, docs/protocol.md 10.9). */
export type IdBindingState = "bound" | "unbound" | "exempt" | "off";

/** What {@link IdBinding} uses. */
export interface IdBindingComponents {
  /** The node's id: the engine's own bytes, shared by reference with its parts; rebinding rewrites them. */
  readonly self: NodeId;
  readonly table: RoutingTable;
  readonly counters: { unboundIdsRefused: number; idRebinds: number };
  /** Whether this node declares itself a client (never in routing tables: no binding needed). */
  readonly isClient: () => boolean;
  /** The address its transport is bound to. */
  readonly bound: () => Address | undefined;
  /** The address its peers' PONGs agree on (docs/protocol.md 10.8), if any. */
  readonly observed: () => Address | undefined;
  /** This host's own IP addresses, for a transport bound to a wildcard (0.0.0.0, ::). */
  readonly localHosts: () => readonly string[];
  /** A contact left the table in a rebase (its new bucket was full). */
  readonly dropped: (contact: Contact) => void;
  /** Announces the new id: a lookup of it (as a join does), in the background. */
  readonly announce: () => void;
  /** `plexus:node`: the id change, as a warning. */
  readonly log: Log;
}

/**
 * Address-bound ids (docs/protocol.md 10.9, BEP 42): with `addressBoundIds` on,
 * - {@link allows} is the admission rule of the routing table and of a lookup's shortlist: a
 *   contact at a public address must have an id bound to that address (loopback and private
 *   ranges exempt); the refused are counted (`unboundIdsRefused`);
 * - {@link check} moves a server whose id is bound to none of its public addresses to the
 *   id bound to the first of them: the address its peers agree on, else its socket's, else
 *   (bound to a wildcard) an interface's, IPv4 first. The top 21 bits change, the other 235
 *   (from its key) stay, so its key still proves it (10.2) and signs as it (10.7). The id's
 *   bytes are rewritten in place, the table is rebased on them, and a lookup of the new id
 *   announces it. Counted (`idRebinds`) and logged. A node bound to one of its addresses
 *   stays (a dual-stack host seen over its other family does not flap). A client never moves.
 */
export class IdBinding {
  readonly #c: IdBindingComponents;
  readonly #enabled: boolean;
  /** The observed host {@link check} last ran for ("" for none): PONGs repeat it, the check runs again only when it changes. */
  #checkedFor: string | undefined;

  constructor(components: IdBindingComponents, enabled: boolean) {
    this.#c = components;
    this.#enabled = enabled;
  }

  /** True when a contact `id` at `host` may enter a routing table or a shortlist. */
  readonly allows = (id: NodeId, host: string): boolean => {
    if (!this.#enabled || !needsBoundId(host) || isIdBoundTo(id, host)) return true;
    this.#c.counters.unboundIdsRefused++;
    return false;
  };

  /** The node's own standing, for stats(). */
  get state(): IdBindingState {
    if (!this.#enabled) return "off";
    const hosts = this.#publicHosts();
    if (hosts.length === 0) return "exempt";
    return hosts.some((host) => isIdBoundTo(this.#c.self, host)) ? "bound" : "unbound";
  }

  /** Moves to the bound id when this node is a server whose id is bound to none of its public addresses. */
  check(): void {
    if (!this.#enabled) return;
    const observed = this.#c.observed()?.host ?? "";
    if (observed === this.#checkedFor || this.#c.isClient()) return;
    this.#checkedFor = observed;
    const hosts = this.#publicHosts();
    const { self, table, log } = this.#c;
    if (hosts.length === 0 || hosts.some((host) => isIdBoundTo(self, host))) return;
    const previous = toHex(self);
    self.set(bindId(self, hosts[0]!));
    for (const contact of table.rebase(self)) this.#c.dropped(contact);
    this.#c.counters.idRebinds++;
    log.warn("id bound to public address", { previous, id: toHex(self), host: hosts[0]! });
    this.#c.announce();
  }

  /** This node's public hosts, preferred first: the observed one, its socket's or (wildcard) its interfaces', IPv4 first. */
  #publicHosts(): string[] {
    const hosts: string[] = [];
    const observed = this.#c.observed()?.host;
    if (observed !== undefined && needsBoundId(observed)) hosts.push(observed);
    const bound = this.#c.bound()?.host;
    if (bound === undefined) return hosts;
    for (const host of socketHosts(bound, this.#c.localHosts)) if (needsBoundId(host) && !hosts.includes(host)) hosts.push(host);
    return hosts;
  }
}

/**
 * The shortlist rules of a node's lookups with `addressBoundIds` (docs/protocol.md 10.9): the
 * binding's admission rule, and at most `maxContactsPerSubnetPerBucket` candidates per public
 * /24 or /64 (loopback and private ranges are not counted); none without it.
 */
export function shortlistRules(binding: IdBinding, config: { readonly addressBoundIds: boolean; readonly maxContactsPerSubnetPerBucket: number }): ShortlistRules | undefined {
  if (!config.addressBoundIds) return undefined;
  return {
    admits: (contact) => binding.allows(contact.id, contact.host),
    subnetOf: (host) => (needsBoundId(host) ? subnetOf(host) : undefined),
    perSubnet: config.maxContactsPerSubnetPerBucket,
  };
}
