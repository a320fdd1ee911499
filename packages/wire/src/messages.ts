import type { Contact, NodeId } from "@plexus/core";
import type { RealtimeMessage, RealtimeRequestMessage, RealtimeResponseMessage } from "./realtime-messages.js";

/**
 * Message type codes as they travel on the wire (docs/protocol.md, "Message types").
 * Requests have odd codes and their replies the next even code; ERROR is 0x7f. Unknown
 * codes are rejected with `ERR_WIRE_UNKNOWN_TYPE` (the error carries the header, so the
 * node can answer `UNSUPPORTED`); new types can be added in later protocol versions.
 */
export const MessageType = {
  PING: 0x01,
  PONG: 0x02,
  FIND_NODE: 0x03,
  NODES: 0x04,
  FIND_VALUE: 0x05,
  VALUE: 0x06,
  STORE: 0x07,
  STORED: 0x08,
  BROADCAST: 0x09,
  ACK: 0x0a,
  // Realtime (topics, direct messages; realtime-messages.ts). DELIVER and DIRECT are answered with ACK.
  SUBSCRIBE: 0x0b,
  SUBSCRIBED: 0x0c,
  PUBLISH: 0x0d,
  PUBLISHED: 0x0e,
  DELIVER: 0x0f,
  DIRECT: 0x11,
  REQUEST: 0x13,
  REPLY: 0x14,
  ERROR: 0x7f,
} as const;
export type MessageTypeName = keyof typeof MessageType;

/** Fields every message carries. */
export interface MessageHeader {
  /**
   * Request id chosen by the requester (uint32); a reply echoes it. Correlation is by
   * request id and source address.
   */
  readonly rid: number;
  /** Node id of the sender (32 bytes). */
  readonly sender: NodeId;
}

/** Liveness probe; also keeps NAT mappings open. Answered with PONG. */
export interface PingMessage extends MessageHeader {
  readonly type: "PING";
  /** Extension: a 16-byte challenge asking for an id proof in the PONG (docs/protocol.md T1). */
  readonly nonce?: Uint8Array;
}
/** Reply to PING. */
export interface PongMessage extends MessageHeader {
  readonly type: "PONG";
  /**
   * Extension: proof that the sender owns its id: id = SHA-256(publicKey) and `signature`
   * is ed25519 over the PING's nonce (docs/protocol.md T1). Only in answer to a nonce.
   */
  readonly proof?: IdProof;
}

/** An id proof carried by a PONG (docs/protocol.md T1). */
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
   * Extension: the requester asks for a store token in the NODES reply (docs/protocol.md T2).
   * Absent when it does not intend to STORE, which spares the replier an HMAC.
   */
  readonly wantToken?: true;
}
/** Reply to FIND_NODE (and to FIND_VALUE when the value is not held): up to k contacts. */
export interface NodesMessage extends MessageHeader {
  readonly type: "NODES";
  readonly contacts: readonly Contact[];
  /** Extension: a store token bound to the requester's address (docs/protocol.md T2). */
  readonly token?: Uint8Array;
}
/** Asks for the value stored under `key`, or else the closest contacts. */
export interface FindValueMessage extends MessageHeader {
  readonly type: "FIND_VALUE";
  readonly key: NodeId;
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
  /** Extension: a store token bound to the requester's address (docs/protocol.md T2). */
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
  /** Extension: the token an earlier NODES/VALUE from the receiver gave this address (T2). */
  readonly token?: Uint8Array;
  /** Extension: the declared record kind, a `RecordKind` code (docs/protocol.md T3). */
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
}

/** Every message of protocol version 1. */
export type Message =
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
  | ErrorMessage
  | RealtimeMessage;

/** The messages that expect a reply. */
export type RequestMessage = PingMessage | FindNodeMessage | FindValueMessage | StoreMessage | BroadcastMessage
  | RealtimeRequestMessage;
/** The messages that answer a request. */
export type ResponseMessage = PongMessage | NodesMessage | ValueMessage | StoredMessage | AckMessage | ErrorMessage
  | RealtimeResponseMessage;

/** Protocol error codes carried in ERROR messages (not JS error codes). */
export const ProtocolErrorCode = {
  /** The request could not be decoded or was invalid. */
  BAD_REQUEST: 1,
  /** The receiver's store is full. */
  STORE_FULL: 2,
  /** The value is larger than the receiver accepts. */
  VALUE_TOO_LARGE: 3,
  /** The receiver is overloaded; retry later. */
  BUSY: 4,
  /** The message type is not supported by this receiver. */
  UNSUPPORTED: 5,
  /** Realtime (16-31): a REQUEST reached a node with no request handler. */
  NO_HANDLER: 16,
  /** Realtime: the receiver's request handler failed (threw or returned no bytes). */
  HANDLER_FAILED: 17,
  /** STORE without a valid store token for the sender's address (docs/protocol.md T2). */
  BAD_TOKEN: 0x20,
  /** A record that does not match its key or kind: hash mismatch, bad envelope, kind conflict (T3). */
  BAD_RECORD: 0x21,
  /** A mutable record whose signature does not verify (T3). */
  BAD_SIGNATURE: 0x22,
  /** A mutable record whose seq is below the stored one, or equal with a different value (T3). */
  SEQ_TOO_OLD: 0x23,
  /** A mutable STORE whose `cas` is not the stored seq (T3). */
  CAS_MISMATCH: 0x24,
} as const;
