import type { Address, Contact, NodeId } from "@plexus/core";

/** A routing-table entry as this node stores it: the contact plus liveness bookkeeping. */
export class PeerContact implements Contact {
  readonly id: NodeId;
  readonly host: string;
  readonly port: number;
  /** Clock time of the last message from it. */
  seenAt: number;
  /** Consecutive failed requests. */
  failures = 0;
  /**
   * True once it answered one of our requests at this address. An unverified contact (it
   * only sent us requests, whose source address could be forged) is used by our own
   * requests, where it must answer, but never handed to others in NODES replies.
   */
  verified: boolean;
  // `alt` and `altCheckedAt` are declared, not initialized: only dual-stack contacts ever get
  // them, and the common record stays at 6 fields (72 B instead of 88 B per contact).
  /**
   * Its address in the other IP family, once it answered one of our requests there (a
   * dual-stack node, docs/protocol.md 10.11): NODES replies hand out the address of the family
   * the requester can use.
   */
  declare alt: Address | undefined;
  /**
   * Clock time we last PINGed an `alt` it declared (once per ALT_CHECK_MS); `undefined`
   * before (not -Infinity: a double would be a heap number per contact, 16 bytes each).
   */
  declare altCheckedAt: number | undefined;

  constructor(id: NodeId, address: Address, now: number, verified = true) {
    this.id = id;
    this.host = address.host;
    this.port = address.port;
    this.seenAt = now;
    this.verified = verified;
  }
}

/** False only for a table entry known to be unverified (see {@link PeerContact.verified}). */
export function isVerified(contact: Contact): boolean {
  return (contact as Partial<PeerContact>).verified !== false;
}

/** True for a table entry this node hands to others: verified, and its last request did not fail. */
export function isShareable(contact: Contact): boolean {
  const peer = contact as Partial<PeerContact>;
  return peer.verified !== false && !(peer.failures !== undefined && peer.failures > 0);
}
