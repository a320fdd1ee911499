import { addressKey, sameAddress, toHex } from "@plexus/core";
import type { Address, RoutingTable } from "@plexus/core";
import type { SeedContact } from "./types.js";

/** A frozen {@link SeedContact} for node `id` at `address`. */
export function seedContact(id: Uint8Array, address: Address): SeedContact {
  return Object.freeze({ id: toHex(id), host: address.host, port: address.port, name: addressKey(address) });
}

/**
 * The routing table's contact at `address`, as a {@link SeedContact}; `undefined` when none.
 * Scans the table: at most 256 buckets of k contacts, once per bootstrap address of a join.
 */
export function contactAt(table: RoutingTable, address: Address): SeedContact | undefined {
  for (const index of table.nonEmptyBuckets()) {
    for (const contact of table.bucketContacts(index)) {
      if (sameAddress(contact, address)) return seedContact(contact.id, contact);
    }
  }
  return undefined;
}
