import type { Address, Contact, NodeId } from "@plexus/core";
import type { OriginAuth } from "./origin-auth.js";
import type { MessageHeader } from "../codec/message-spec.js";

/**
 * The Kademlia messages of protocol version 1 (docs/protocol.md, section 4), with the
 * extension fields of section 10.1 as optional fields.
 */

/** Liveness probe; also keeps NAT mappings open. Answered with PONG. */
export interface PingMessage extends MessageHeader {
  readonly type: "PING";
  /** Extension: a 16-byte challenge asking for an id proof in the PONG (docs/protocol.md 10.2). */
  readonly nonce?: Uint8Array;
  /** Extension: the receiver's address token for the sender, proving its address (docs/protocol.md 10.6). */
  readonly token?: Uint8Array;
  /**
   * Extension, sent only: padding (any bytes, ignored by the receiver and not decoded) that
   * makes the PING large enough for a RETRY_WITH_TOKEN answer (docs/protocol.md 10.6).
   */
  readonly pad?: Uint8Array;
  /** Extension: the requester is a client, keep it out of routing tables (docs/protocol.md 10.8). */
  readonly client?: true;
  /** Extension: an 8-byte nonce; have another node PING my source address with it (docs/protocol.md 10.10). */
  readonly dialBack?: Uint8Array;
  /** Extension: PING this address once, carrying `nonce` as `dialNonce` (docs/protocol.md 10.10). */
  readonly dialTo?: DialTarget;
  /** Extension: this PING is a dial-back the receiver asked for, with its nonce (docs/protocol.md 10.10). */
  readonly dialNonce?: Uint8Array;
  /** Extension: the requester's address in the other IP family (dual-stack; docs/protocol.md 10.11). */
  readonly alt?: Address;
}
/** Where a dial-back goes and the nonce it carries (PING key 17, docs/protocol.md 10.10). */
export interface DialTarget {
  readonly host: string;
  readonly port: number;
  /** 8 bytes. */
  readonly nonce: Uint8Array;
}
/** Reply to PING. */
export interface PongMessage extends MessageHeader {
  readonly type: "PONG";
  /**
   * Extension: proof that the sender owns its id: id = SHA-256(publicKey) and `signature`
   * is ed25519 over the PING's nonce (docs/protocol.md 10.2). Only in answer to a nonce.
   */
  readonly proof?: IdProof;
  /**
   * Extension: the PING's source address as the replier saw it (docs/protocol.md 10.8): how
   * the pinger learns its address beyond NATs. Sent only to an address that proved itself.
   */
  readonly observed?: Address;
  /**
   * Extension: the replier takes no unsolicited traffic (behind a NAT or a firewall;
   * docs/protocol.md 10.8): do not put it in a routing table nor hand it out.
   */
  readonly client?: true;
  /** Extension: the replier asked another node to dial the pinger back (docs/protocol.md 10.10). */
  readonly dialBack?: true;
}

/** An id proof carried by a PONG (docs/protocol.md 10.2). */
export interface IdProof {
  /** ed25519 public key, 32 bytes raw. */
  readonly publicKey: Uint8Array;
  /** ed25519 signature, 64 bytes. */
  readonly signature: Uint8Array;
}
/** Asks for the contacts closest to `target` the receiver knows (Kademlia FIND_NODE). */
export interface FindNodeMessage extends MessageHeader {
  readonly type: "FIND_NODE";
  readonly target: NodeId;
  /**
   * Extension: the requester asks for a store token in the NODES reply (docs/protocol.md 10.3).
   * Absent when it does not intend to STORE, which spares the replier an HMAC.
   */
  readonly wantToken?: true;
  /** Extension: the receiver's address token for the sender, proving its address (docs/protocol.md 10.6). */
  readonly token?: Uint8Array;
  /** Extension: the requester is a client, keep it out of routing tables (docs/protocol.md 10.8). */
  readonly client?: true;
  /** Extension: the requester's address in the other IP family (dual-stack; docs/protocol.md 10.11). */
  readonly alt?: Address;
  /**
   * Extension: a 16-byte challenge asking for the replier's id proof in the NODES reply
   * (docs/protocol.md 10.2): the answer itself proves the replier, no PING needed.
   */
  readonly nonce?: Uint8Array;
}
/** Reply to FIND_NODE (and to FIND_VALUE when the value is not held): up to k contacts. */
export interface NodesMessage extends MessageHeader {
  readonly type: "NODES";
  readonly contacts: readonly Contact[];
  /** Extension: a store token bound to the requester's address (docs/protocol.md 10.3). */
  readonly token?: Uint8Array;
  /** Extension: the replier's id proof, in answer to the FIND_NODE's `nonce` (docs/protocol.md 10.2). */
  readonly proof?: IdProof;
}
/** Asks for the value stored under `key`, or else the closest contacts. */
export interface FindValueMessage extends MessageHeader {
  readonly type: "FIND_VALUE";
  readonly key: NodeId;
  /** Extension: the receiver's address token for the sender, proving its address (docs/protocol.md 10.6). */
  readonly token?: Uint8Array;
  /** Extension: the requester is a client, keep it out of routing tables (docs/protocol.md 10.8). */
  readonly client?: true;
  /** Extension: the requester's address in the other IP family (dual-stack; docs/protocol.md 10.11). */
  readonly alt?: Address;
}
/** Reply to FIND_VALUE when the receiver holds the value. */
export interface ValueMessage extends MessageHeader {
  readonly type: "VALUE";
  readonly key: NodeId;
  readonly value: Uint8Array;
  /** Milliseconds the record has left to live at the replier. */
  readonly ttlMs: number;
  /** Original publisher's node id, when known. */
  readonly publisher?: NodeId;
  /** Extension: a store token bound to the requester's address (docs/protocol.md 10.3). */
  readonly token?: Uint8Array;
}
/** Asks the receiver to store a record for `ttlMs`. Answered with STORED or ERROR. */
export interface StoreMessage extends MessageHeader {
  readonly type: "STORE";
  readonly key: NodeId;
  readonly value: Uint8Array;
  readonly ttlMs: number;
  /** Original publisher's node id (a replica republishing keeps the original). */
  readonly publisher?: NodeId;
  /** Extension: the token an earlier NODES/VALUE from the receiver gave this address (10.3). */
  readonly token?: Uint8Array;
  /** Extension: the declared record kind, a `RecordKind` code (docs/protocol.md 10.4). */
  readonly kind?: 0 | 1 | 2;
  /** Extension: compare-and-swap for a mutable record: the seq expected at the receiver. */
  readonly cas?: number;
}
/** Acknowledges a STORE: the record is held. */
export interface StoredMessage extends MessageHeader {
  readonly type: "STORED";
}
/**
 * A network-wide broadcast (El-Ansary et al. style over the k-buckets): the receiver
 * delivers `data` once per `id` and forwards to contacts in buckets with index above
 * `depth`. Answered with ACK.
 */
export interface BroadcastMessage extends MessageHeader {
  readonly type: "BROADCAST";
  /** Broadcast id for de-duplication (16 bytes). */
  readonly id: Uint8Array;
  /** Node id of the node that started the broadcast. */
  readonly origin: NodeId;
  /** The receiver is responsible for the subtree that shares `depth` leading bits with it. */
  readonly depth: number;
  readonly data: Uint8Array;
  /** Extension: the origin's signature (docs/protocol.md 10.7); receivers drop a broadcast without a valid one. */
  readonly auth?: OriginAuth;
}
/** Generic acknowledgement (of BROADCAST; later of other one-way messages). */
export interface AckMessage extends MessageHeader {
  readonly type: "ACK";
}
/** A request failed at the receiver; `code` is a protocol error code (docs/protocol.md). */
export interface ErrorMessage extends MessageHeader {
  readonly type: "ERROR";
  readonly code: number;
  readonly message: string;
  /** Extension, with code RETRY_WITH_TOKEN: the address token to repeat the request with (docs/protocol.md 10.6). */
  readonly token?: Uint8Array;
}

/** Every Kademlia message (without the types other packages register). */
export type KademliaMessage =
  | PingMessage
  | PongMessage
  | FindNodeMessage
  | NodesMessage
  | FindValueMessage
  | ValueMessage
  | StoreMessage
  | StoredMessage
  | BroadcastMessage
  | AckMessage
  | ErrorMessage;

/** The Kademlia messages that expect a reply. */
export type KademliaRequestMessage = PingMessage | FindNodeMessage | FindValueMessage | StoreMessage | BroadcastMessage;
/** The Kademlia messages that answer a request. */
export type KademliaResponseMessage = PongMessage | NodesMessage | ValueMessage | StoredMessage | AckMessage | ErrorMessage;
