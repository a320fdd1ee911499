import { addressKey, bindId, isIdBoundTo, needsBoundId, toHex } from "@plexus/core";
import type { Address, Contact, Log, NodeId, RoutingTable } from "@plexus/core";
import type { ShortlistRules } from "../query/shortlist.js";
import { subnetOf } from "../routing/subnet-limits.js";

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
  /** The address the table's contacts see: the agreed public address, else the transport's. */
  readonly address: () => Address | undefined;
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
 * - {@link check} moves a server whose id is not bound to its public address (known from
 *   the transport when it is bound to a public address, else from its peers' PONGs) to the
 *   bound id: the top 21 bits change, the other 235 (from its key) stay, so its key still
 *   proves it (10.2) and signs as it (10.7). The id's bytes are rewritten in place, the table
 *   is rebased on them, and a lookup of the new id announces it. Counted (`idRebinds`) and
 *   logged. A client never needs to move.
 */
export class IdBinding {
  readonly #c: IdBindingComponents;
  readonly #enabled: boolean;

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
    const address = this.#c.address();
    if (!address || !needsBoundId(address.host)) return "exempt";
    return isIdBoundTo(this.#c.self, address.host) ? "bound" : "unbound";
  }

  /** Moves to the bound id when this node is a server at a public address its id is not bound to. */
  check(): void {
    if (!this.#enabled || this.#c.isClient()) return;
    const address = this.#c.address();
    if (!address || !needsBoundId(address.host) || isIdBoundTo(this.#c.self, address.host)) return;
    const { self, table, log } = this.#c;
    const previous = toHex(self);
    self.set(bindId(self, address.host));
    for (const contact of table.rebase(self)) this.#c.dropped(contact);
    this.#c.counters.idRebinds++;
    log.warn("id bound to public address", { previous, id: toHex(self), address: addressKey(address) });
    this.#c.announce();
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
