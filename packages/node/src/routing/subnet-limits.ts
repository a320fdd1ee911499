import { ipToBytes } from "@plexus/core";
import type { Contact, NodeId, RoutingTable } from "@plexus/core";

/** Limits of {@link SubnetLimits}. */
export interface SubnetLimitsInit {
  /** Contacts of one subnet (IPv4 /24, IPv6 /64) a bucket may hold. */
  readonly maxContactsPerSubnetPerBucket: number;
  /** Contacts of one subnet the whole table may hold. */
  readonly maxContactsPerSubnet: number;
  /** Loopback contacts are exempt (NodeInit.exemptLoopback). @default true */
  readonly exemptLoopback?: boolean;
}

/**
 * The subnet of `host` as a key: its IPv4 /24 or IPv6 /64 (an IPv4-mapped IPv6 address
 * counts as its IPv4 address), or `undefined` for loopback (127.0.0.0/8, ::1: this host,
 * where many nodes share an address on purpose) and for anything that is not an IP literal.
 * With `exemptLoopback` false, loopback addresses get their /24 or /64 like any other.
 */
export function subnetOf(host: string, exemptLoopback = true): string | undefined {
  if (exemptLoopback && (host.startsWith("127.") || host === "::1")) return undefined; // the common case in tests, without parsing
  let bytes: Uint8Array;
  try {
    bytes = ipToBytes(host);
  } catch {
    return undefined;
  }
  if (bytes.length === 16 && bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    bytes = bytes.subarray(12);
  }
  if (bytes.length === 4) return exemptLoopback && bytes[0] === 127 ? undefined : `${bytes[0]}.${bytes[1]}.${bytes[2]}`;
  if (exemptLoopback && bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] === 1) return undefined;
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16)).join(":");
}

/**
 * `host`'s subnet with loopback counted like any other (`subnetOf(host, false)`), or `host`
 * itself when it is no IP literal: the key of "one per subnet" choices and votes.
 */
export function subnetKey(host: string): string {
  return subnetOf(host, false) ?? host;
}

/**
 * Up to `max` of the 2k contacts of `table` closest to `target` that `accept` takes, at most
 * one per subnet ({@link subnetKey}), closest first: whom to ask when the answers must come
 * from independent places (address observations, dial-backs).
 */
export function onePerSubnet(table: RoutingTable, target: NodeId, max: number, accept: (contact: Contact) => boolean = () => true): Contact[] {
  const seen = new Set<string>();
  const picked: Contact[] = [];
  for (const contact of table.closest(target, table.k * 2)) {
    if (picked.length >= max) break;
    const subnet = subnetKey(contact.host);
    if (!accept(contact) || seen.has(subnet)) continue;
    seen.add(subnet);
    picked.push(contact);
  }
  return picked;
}

/**
 * Routing-table diversity (S/Kademlia section 4.2's concern; BEP 42 and libp2p's fix after
 * the 2019 eclipse study do the same): one operator with many addresses in one subnet may
 * hold only `maxContactsPerSubnetPerBucket` contacts of a bucket (default 2) and
 * `maxContactsPerSubnet` of the table (default 10), so that it can neither own a bucket
 * nor most of a table. Counts the table's contacts per subnet; the contact book tells it
 * what enters and leaves.
 */
export class SubnetLimits {
  readonly #table: RoutingTable;
  readonly #init: SubnetLimitsInit;
  /**
   * Bound: one entry per subnet with a contact in the table (at most the table's size).
   * Made with the first counted contact (exempt loopback contacts are not counted).
   */
  #counts: Map<string, number> | undefined;

  constructor(table: RoutingTable, init: SubnetLimitsInit) {
    this.#table = table;
    this.#init = init;
  }

  /** True when a new contact at `host` for bucket `index` stays within both limits. */
  allows(host: string, index: number): boolean {
    const subnet = subnetOf(host, this.#init.exemptLoopback);
    if (subnet === undefined) return true;
    if ((this.#counts?.get(subnet) ?? 0) >= this.#init.maxContactsPerSubnet) return false;
    let inBucket = 0;
    for (const c of this.#table.bucketContacts(index)) if (subnetOf(c.host, this.#init.exemptLoopback) === subnet) inBucket++;
    return inBucket < this.#init.maxContactsPerSubnetPerBucket;
  }

  /** `contact` entered the table. */
  added(contact: Contact): void {
    const subnet = subnetOf(contact.host, this.#init.exemptLoopback);
    if (subnet === undefined) return;
    const counts = (this.#counts ??= new Map());
    counts.set(subnet, (counts.get(subnet) ?? 0) + 1);
  }

  /** `contact` left the table (or moved away from its address). */
  removed(contact: Contact): void {
    const subnet = subnetOf(contact.host, this.#init.exemptLoopback);
    const counts = this.#counts;
    if (subnet === undefined || counts === undefined) return;
    const n = (counts.get(subnet) ?? 0) - 1;
    if (n > 0) counts.set(subnet, n);
    else counts.delete(subnet);
  }
}
