import { bytesEqual, compareDistance, sameAddress } from "@plexus/core";
import type { Address, Contact, NodeId } from "@plexus/core";
import { bytesKey } from "../ids/bytes-key.js";

/** Settings of the one-hop mode (`NodeInit.oneHop`). */
export interface OneHopOptions {
  /** Most nodes the full table keeps; 0 turns the mode off. @default 1000 when `oneHop` is given */
  readonly maxContacts?: number;
}

/**
 * The one-hop mode's full routing table, for small networks: every node this node hears
 * from (one that answered a request of ours, a requester whose address is proven,
 * docs/protocol.md 10.6) up to `maxContacts`, so
 * that the k closest to any key are known here and a get asks them at once: one round trip
 * (in the spirit of Gupta, Liskov and Rodrigues' one-hop lookups, 2004, without their
 * membership dissemination: nodes are learned from the traffic a node sees).
 *
 * Beside the Kademlia table, not instead of it: that one still answers FIND_NODE and keeps
 * its admission rules; this one only says where a walk starts, and the walk keeps its
 * convergence rule, so a wrong or dead entry costs a detour, not a wrong answer. A node a
 * NODES reply lists gets a PING (the contact book's, at most 64 in flight) and enters when
 * it answers: a hostile replier could list any ids. One that fails to answer leaves at once; an entry keeps its address (a move is
 * learned after the old address failed). A full table takes no newcomer until one leaves
 * (older nodes are likelier to stay, paper 2.2).
 *
 * Bound: `maxContacts` entries, each a key of 32 code units and a contact of its own
 * (measured, Node 20, heapUsed after gc: about 0.4 KB per entry, 0.4 MB at the default 1,000).
 * `closest` scans every entry: O(n k), about 0.1 ms for 1,000 on a laptop.
 */
export class FullTable {
  readonly #self: NodeId;
  readonly #max: number;
  /** Bound: `maxContacts`. */
  readonly #contacts = new Map<string, Contact>();

  constructor(self: NodeId, options: Required<OneHopOptions>) {
    this.#self = self;
    this.#max = options.maxContacts;
  }

  /** Nodes held. */
  get size(): number {
    return this.#contacts.size;
  }

  /** True when node `id` is held, or the table is full (nothing more to learn). */
  knows(id: NodeId): boolean {
    return this.#contacts.size >= this.#max || this.#contacts.has(bytesKey(id));
  }

  /** Learns node `id` at `address` unless it is known already or the table is full. */
  learn(id: NodeId, address: Address): void {
    if (this.#contacts.size >= this.#max || bytesEqual(id, this.#self)) return;
    const key = bytesKey(id);
    if (!this.#contacts.has(key)) this.#contacts.set(key, { id, host: address.host, port: address.port });
  }

  /** Forgets node `id` when it is held at `address` (a request to it there failed). */
  forget(id: NodeId, address: Address): void {
    const key = bytesKey(id);
    const known = this.#contacts.get(key);
    if (known !== undefined && sameAddress(known, address)) this.#contacts.delete(key);
  }

  /** The `count` nodes held closest to `target`, closest first. */
  closest(target: NodeId, count: number): Contact[] {
    const out: Contact[] = [];
    if (count <= 0) return out;
    for (const contact of this.#contacts.values()) {
      if (out.length === count && compareDistance(contact.id, out[count - 1]!.id, target) >= 0) continue;
      let i = Math.min(out.length, count - 1);
      out[i] = contact;
      for (; i > 0 && compareDistance(out[i]!.id, out[i - 1]!.id, target) < 0; i--) [out[i], out[i - 1]] = [out[i - 1]!, out[i]!];
    }
    return out;
  }
}
