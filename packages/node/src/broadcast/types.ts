import type { Contact, NodeId } from "@plexus/core";
import type { CallOptions } from "../api/call-options.js";

/** A broadcast delivered to this node. */
export interface BroadcastEvent {
  /** Broadcast id (16 bytes). */
  readonly id: Uint8Array;
  /** Node that started it. */
  readonly origin: NodeId;
  readonly data: Uint8Array;
  /** The contact that forwarded it to us. */
  readonly from: Contact;
}

/** Options of broadcast(). */
export interface BroadcastOptions extends CallOptions {
  /** Contacts per bucket on the first hop. @default NodeInit.broadcastRedundancy */
  readonly redundancy?: number;
}

/** Outcome of broadcast() at the origin (first hop only). */
export interface BroadcastResult {
  /** The broadcast id (16 bytes). */
  readonly id: Uint8Array;
  /** First-hop sends acknowledged. */
  readonly acked: number;
  /** First-hop slots given up after every attempt failed. */
  readonly failed: number;
}
