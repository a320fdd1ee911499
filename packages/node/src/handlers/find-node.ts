import { addressScope, bytesEqual, isIPv4, reachableFrom } from "@plexus/core";
import type { Address, Contact, NodeId, RoutingTable } from "@plexus/core";
import type { FindNodeMessage } from "@plexus/wire";
import { makeIdProof } from "../identity/id-proof.js";
import type { NodeIdentity } from "../identity/identity.js";
import type { StoreTokens } from "../records/store-tokens.js";
import { isShareable } from "../routing/peer-contact.js";
import type { PeerContact } from "../routing/peer-contact.js";
import type { Responder } from "../rpc/responder.js";
import type { RequestHandler } from "./handler.js";

/** What FIND_NODE and FIND_VALUE answers use. */
export interface ClosestParts {
  readonly table: RoutingTable;
  readonly k: number;
}

/**
 * The k contacts closest to `target`, leaving out the requester itself, contacts that
 * never answered us (unverified: their address may be forged) and contacts whose last
 * request failed (likely gone: handing them out would cost the requester a timeout). Those are not PINGed for
 * it: our own requests (lookups, bucket refresh, the ping of a full bucket's oldest)
 * verify them, and a PING per skipped contact was ~13% of a lookup's datagrams network-wide
 * (docs/protocol.md section 6). Nor contacts of a narrower address scope than `from`'s.
 * Each contact goes out at an address of a family the requester can use (docs/protocol.md
 * 10.11): `from`'s, or that of `alt`, the requester's declared address in the other family
 * (key 19); a dual-stack contact at its other address when its own is of neither.
 */
export function closestFor(parts: ClosestParts, target: NodeId, requester: NodeId, from: Address, alt?: Address): Contact[] {
  const { table, k } = parts;
  // No loopback or LAN address goes to a requester of a wider scope (docs/protocol.md 10.8);
  // a loopback requester (tests on one host) may get anything.
  const scoped = addressScope(from.host) !== "loopback";
  const fromV4 = isIPv4(from.host);
  const usable = (host: string): boolean => {
    if (isIPv4(host) === fromV4) return reachableFrom(host, from.host);
    return alt !== undefined && isIPv4(host) === isIPv4(alt.host) && reachableFrom(host, alt.host);
  };
  /** `c` as the requester gets it, or `undefined` when it gets none of its addresses. */
  const view = (c: Contact): Contact | undefined => {
    if (!isShareable(c) || bytesEqual(c.id, requester)) return undefined;
    if (!scoped || usable(c.host)) return c;
    const other = (c as Partial<PeerContact>).alt;
    return other !== undefined && usable(other.host) ? { id: c.id, host: other.host, port: other.port } : undefined;
  };
  // Ask for exactly k first: that mostly stays within the target's own bucket. When some
  // are left out, ask once more for 2k (more buckets, still sorted by id prefix only; left
  // out ones come in clusters of fresh requesters); only if that falls short too, walk the
  // table with a per-contact predicate (measured at 10,000 nodes: 3.5 predicate walks per
  // lookup without the first two tries, 0.26 with them).
  let want = k;
  for (let attempt = 0; attempt < 2; attempt++) {
    const closest = table.closest(target, want);
    const found = closest.length;
    let kept = 0;
    // Filtered in place (the array is ours): one array per try.
    for (let i = 0; i < found && kept < k; i++) {
      const c = view(closest[i]!);
      if (c !== undefined) closest[kept++] = c;
    }
    // Enough, or the table holds no more.
    if (kept === k || found < want) {
      closest.length = kept;
      return closest;
    }
    want = 2 * k;
  }
  return table.closest(target, k, (c) => view(c) === undefined).map((c) => view(c)!);
}

/**
 * FIND_NODE -> NODES with the k closest contacts we know (paper 2.3), a store token for the
 * requester's address when it asked for one (`wantToken`, docs/protocol.md 10.3), and this
 * node's id proof when it sent a nonce (10.2): the answer then admits us at the requester
 * without a PING of its own.
 */
export function findNodeHandler(parts: ClosestParts & { responder: Responder; tokens: StoreTokens; identity: NodeIdentity | undefined }): RequestHandler<FindNodeMessage> {
  return (message: FindNodeMessage, from: Address): void => {
    const { responder, identity } = parts;
    const contacts = closestFor(parts, message.target, message.sender, from, message.alt);
    const proof = message.nonce !== undefined && identity !== undefined && proofFits(contacts)
      ? makeIdProof(identity, message.nonce, message.sender, responder.self) : undefined;
    responder.send(from, {
      type: "NODES", rid: message.rid, sender: responder.self, contacts,
      ...(message.wantToken ? { token: parts.tokens.issue(from) } : {}), ...(proof ? { proof } : {}),
    });
  };
}

/**
 * Whether a NODES of `contacts` still fits MAX_DATAGRAM_BYTES (1232) with an id proof (102
 * bytes) and a store token (20) beside them: the contacts' entries take at most 1,065 bytes
 * (docs/protocol.md 10.2), each at most 44 (IPv4) or 56 (IPv6) bytes, after a header of 45.
 */
export function proofFits(contacts: readonly Contact[]): boolean {
  let bytes = 0;
  for (const c of contacts) bytes += isIPv4(c.host) ? 44 : 56;
  return bytes <= 1065;
}
