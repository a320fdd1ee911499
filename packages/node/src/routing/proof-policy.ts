import type { NodeId, RoutingTable } from "@plexus/core";
import { PROVEN_REPLACEMENTS } from "../config/constants.js";

/**
 * When an id proof (docs/protocol.md 10.2) is worth its cost: one round trip, one ed25519
 * sign at the peer and one verify here (~130 us of CPU together, most of a verifying node's
 * join). Nothing enters the table unproven either way; these rules only skip proofs whose
 * contact would not enter it.
 */

/**
 * True when a contact in bucket `index` would be among our k closest to ourselves. With
 * proofs, an unknown requester is challenged only then (the contacts NODES replies hand out
 * most, as an unverified neighbour gets a PING without proofs); a farther one enters when it
 * answers one of our own requests (a lookup, a join's far-bucket probe, a bucket refresh).
 * Challenges of far requesters were about a third of a join's proofs and half of a lookup's.
 */
export function isNeighbour(table: RoutingTable, index: number): boolean {
  // Counted from the far side: the contacts nearer than bucket `index` are the table's size
  // less those in buckets 0..index. Requesters sit mostly in the far buckets (half of all ids
  // in bucket 0), so this reads a few buckets where counting the near side walked up to 255
  // mostly empty ones (2% of a 10,000-node simulated build).
  let notNearer = 0;
  for (let i = 0; i <= index; i++) notNearer += table.bucketSize(i);
  return table.size - notNearer < table.k;
}

/**
 * A contact `id` answered one of our requests: prove it unless its bucket is full and
 * already has PROVEN_REPLACEMENTS proven replacements waiting (another would only push one
 * of them out of the replacement cache; paper 4.1 needs one waiting to evict a failed contact).
 */
export function worthProvingAnswer(table: RoutingTable, id: NodeId): boolean {
  const index = table.bucketIndexOf(id);
  return index >= 0 && (table.bucketSize(index) < table.k || table.replacementCount(index) < PROVEN_REPLACEMENTS);
}
