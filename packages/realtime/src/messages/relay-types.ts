import type { Address, NodeId } from "@plexus/core";
import type { MessageHeader, OriginAuth } from "@plexus/wire";

/**
 * Reaching a node behind a NAT (docs/protocol.md, section 13): reservations at relays,
 * coordinated hole punching, and relayed DIRECT / REQUEST.
 */

/**
 * Registers (or renews, or with `ttlMs = 0` releases) the sender's reservation at a relay.
 * Signed by the sender's identity (extension key 7, kind 5, scope: the relay's id) so that
 * nobody else can reserve in its name. Answered with RESERVED or ERROR.
 */
export interface ReserveMessage extends MessageHeader {
  readonly type: "RESERVE";
  /** 16 random bytes, the signed message id. */
  readonly id: Uint8Array;
  readonly ttlMs: number;
  /** Bit 0: the sender's NAT maps a new port per destination (symmetric): punching cannot work. */
  readonly flags: number;
  readonly auth?: OriginAuth;
}
/** Reply to RESERVE: the lifetime granted (0: released). */
export interface ReservedMessage extends MessageHeader {
  readonly type: "RESERVED";
  readonly ttlMs: number;
}
/** Asks a relay to introduce the sender to `target`, which holds a reservation there. Answered with CONNECTED or ERROR. */
export interface ConnectMessage extends MessageHeader {
  readonly type: "CONNECT";
  readonly target: NodeId;
}
/** Reply to CONNECT: the target's address as the relay sees it (its NAT mapping), and its flags. */
export interface ConnectedMessage extends MessageHeader {
  readonly type: "CONNECTED";
  readonly address: Address;
  /** The target's RESERVE flags (bit 0: symmetric). */
  readonly flags: number;
}
/**
 * From a relay to the node holding a reservation: `peer` wants to reach you from `address`,
 * punch toward it; and, as that punch, from that node to `peer` at `address` (the requester
 * learns the node's mapping from where it came). Answered with ACK.
 */
export interface PunchMessage extends MessageHeader {
  readonly type: "PUNCH";
  readonly peer: NodeId;
  readonly address: Address;
}
/**
 * A DIRECT or REQUEST for `target` that the relay forwards unchanged (the origin's signature
 * names the target, not the relay) and whose answer it returns: ACK, REPLY or ERROR.
 */
export interface RelayMessage extends MessageHeader {
  readonly type: "RELAY";
  readonly target: NodeId;
  /** The wrapped type: 0x11 DIRECT or 0x13 REQUEST. */
  readonly kind: number;
  readonly id: Uint8Array;
  readonly origin: NodeId;
  readonly data: Uint8Array;
  readonly auth?: OriginAuth;
}

export type RelayRequestMessage = ReserveMessage | ConnectMessage | PunchMessage | RelayMessage;
export type RelayResponseMessage = ReservedMessage | ConnectedMessage;
