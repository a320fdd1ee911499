import type { NodeId } from "@plexus/core";
import type { KademliaResponseMessage, MessageHeader, OriginAuth } from "@plexus/wire";
import type { RelayRequestMessage, RelayResponseMessage } from "./relay-types.js";

/**
 * Topics (publish/subscribe through rendezvous nodes) and direct messages
 * (docs/protocol.md, section 12). Every message that carries application data
 * carries an `id` (16 random bytes, for de-duplication) and its `origin`.
 */

/**
 * Registers (or renews, or with `ttlMs = 0` removes) the sender as a subscriber of `topic`
 * at a rendezvous node, one of the r nodes closest to the topic key. Answered with
 * SUBSCRIBED or ERROR (BUSY when the receiver holds too many topics or subscribers).
 */
export interface SubscribeMessage extends MessageHeader {
  readonly type: "SUBSCRIBE";
  /** The topic key (32 bytes). */
  readonly topic: NodeId;
  /** How long the subscription lasts unless renewed, in ms; 0 unsubscribes. */
  readonly ttlMs: number;
  /**
   * Every rendezvous node the subscriber registers with for this topic (the receiver
   * included): a rendezvous that gets a PUBLISH relayed by one of these skips this
   * subscriber, as the relayer has delivered to it already.
   */
  readonly rendezvous: readonly NodeId[];
}
/** Reply to SUBSCRIBE: the lifetime granted (the receiver may cap it; 0 after an unsubscribe). */
export interface SubscribedMessage extends MessageHeader {
  readonly type: "SUBSCRIBED";
  readonly ttlMs: number;
}
/**
 * A publication to `topic`, sent by the publisher (`hops = 0`) to a rendezvous node, which
 * delivers it to its subscribers and relays it once (`hops = 1`) to the other rendezvous
 * nodes it knows. Answered with PUBLISHED.
 */
export interface PublishMessage extends MessageHeader {
  readonly type: "PUBLISH";
  readonly topic: NodeId;
  /** Publication id (16 bytes), for de-duplication. */
  readonly id: Uint8Array;
  /** Node id of the publisher. */
  readonly origin: NodeId;
  /** 0 from the publisher; 1 when relayed by a rendezvous node (never relayed again). */
  readonly hops: number;
  readonly data: Uint8Array;
  /** Extension: the origin's signature (docs/protocol.md 10.7); receivers drop the message without a valid one. */
  readonly auth?: OriginAuth;
}
/** Reply to PUBLISH: how many subscribers the receiving rendezvous holds for the topic. */
export interface PublishedMessage extends MessageHeader {
  readonly type: "PUBLISHED";
  readonly subscribers: number;
}
/** A publication delivered by a rendezvous node to one subscriber. Answered with ACK. */
export interface DeliverMessage extends MessageHeader {
  readonly type: "DELIVER";
  readonly topic: NodeId;
  readonly id: Uint8Array;
  readonly origin: NodeId;
  readonly data: Uint8Array;
  /** Extension: the origin's signature (docs/protocol.md 10.7); receivers drop the message without a valid one. */
  readonly auth?: OriginAuth;
}
/** A one-way message to one node. Answered with ACK (receipt, before the application sees it). */
export interface DirectMessage extends MessageHeader {
  readonly type: "DIRECT";
  /** Message id (16 bytes), for de-duplication of retries. */
  readonly id: Uint8Array;
  readonly origin: NodeId;
  readonly data: Uint8Array;
  /** Extension: the origin's signature (docs/protocol.md 10.7); receivers drop the message without a valid one. */
  readonly auth?: OriginAuth;
}
/** A request to one node's application. Answered with REPLY or ERROR (NO_HANDLER, HANDLER_FAILED). */
export interface RequestDataMessage extends MessageHeader {
  readonly type: "REQUEST";
  readonly id: Uint8Array;
  readonly origin: NodeId;
  readonly data: Uint8Array;
  /** Extension: the origin's signature (docs/protocol.md 10.7); receivers drop the message without a valid one. */
  readonly auth?: OriginAuth;
}
/** Reply to REQUEST: what the receiver's request handler returned. */
export interface ReplyMessage extends MessageHeader {
  readonly type: "REPLY";
  readonly data: Uint8Array;
}

/** The realtime requests. */
export type RealtimeRequestMessage = SubscribeMessage | PublishMessage | DeliverMessage | DirectMessage | RequestDataMessage
  | RelayRequestMessage;
/** The realtime replies (DELIVER and DIRECT are answered with the generic ACK). */
export type RealtimeResponseMessage = SubscribedMessage | PublishedMessage | ReplyMessage | RelayResponseMessage;
/** Every realtime message. */
export type RealtimeMessage = RealtimeRequestMessage | RealtimeResponseMessage;

/** What a realtime request can be answered with: a realtime reply, or ACK / ERROR. */
export type RealtimeReply = RealtimeResponseMessage | KademliaResponseMessage;
