import type { Address, Clock, Contact, Logger, NodeId, Random, RoutingTable } from "@plexus/core";
import type { KademliaResponseMessage, MessageSpec, OriginAuth, WireMessage } from "@plexus/wire";
import type { OriginFields, OriginKindCode } from "../origins/origin-signature.js";
import type { IncomingRequest, RequestHandler } from "../handlers/handler.js";
import type { ReplyBody } from "../rpc/responder.js";
import type { RequestBody, RpcOptions, RpcReply } from "../rpc/rpc.js";
import type { NatType } from "../reachability/nat-type.js";

/**
 * What an engine offers a protocol layer (topics, direct messages, your own): this node's
 * identity, time and randomness, its routing table to read, requests with retries and
 * timeouts, replies, and lookups. The layer's own state stays in the layer.
 */
export interface ProtocolHost {
  readonly id: NodeId;
  readonly clock: Clock;
  readonly random: Random;
  /** The routing table; read it, do not change it. */
  readonly table: RoutingTable;
  /** Bucket size and replication factor. */
  readonly k: number;
  /** Extra attempts the engine gives a timed-out request of its own. */
  readonly requestRetries: number;
  /** Longest per-attempt request timeout, in ms. */
  readonly requestTimeoutMs: number;
  /** True between the engine's start() and stop(). */
  readonly running: boolean;
  /** The engine's `verifyOrigins`: layers check the origins of what they deliver when it is on. */
  readonly verifyOrigins: boolean;
  /** The engine's logger (the `logger` component or the DEBUG-driven default): layers take their namespaces from it. */
  readonly logger: Logger;
  /** True when the node has an identity to sign its messages with. */
  readonly canSign: boolean;
  /**
   * The origin signature (docs/protocol.md 10.7) of a new message of `kind` from this node;
   * `undefined` when it has no identity. Sequence numbers are shared with the engine's broadcasts.
   */
  signOrigin(kind: OriginKindCode, fields: OriginFields): OriginAuth | undefined;
  /**
   * Sends a request (any registered type) and resolves with its reply.
   * @throws RpcTimeoutError `ERR_RPC_TIMEOUT`; PlexusError `ERR_TOO_MANY_REQUESTS`, `ERR_INVALID_ARGUMENT` (unencodable).
   */
  request<M extends WireMessage = KademliaResponseMessage>(to: Address, body: RequestBody, expectId?: NodeId,
    options?: RpcOptions): Promise<RpcReply<M>>;
  /** Answers the request `rid` from `to` (encode errors are counted, never thrown). */
  reply(to: Address, rid: number, body: ReplyBody): void;
  /**
   * For a request that makes this node send to `from` later (a subscription): true when
   * `from` has proven it receives what is sent there (docs/protocol.md 10.6); otherwise the
   * request is answered with ERROR RETRY_WITH_TOKEN (the requester proves its address and
   * repeats it) and the handler must drop it.
   */
  requireProvenAddress(from: Address, rid: number): boolean;
  /** The k closest live contacts to `target` (an iterative lookup without events). */
  closest(target: NodeId, signal?: AbortSignal): Promise<Contact[]>;
  /**
   * Sets the contacts `owner` (e.g. a topic) needs to reach this node unasked; behind a NAT
   * the engine keeps their mappings open with PINGs (`natKeepAliveIntervalMs`). An empty list
   * releases them.
   */
  holdOpen(owner: string, contacts: readonly Contact[]): void;
  /**
   * Nodes in no routing table that should get every broadcast this node delivers or starts
   * (a relay's reserved clients, docs/protocol.md 13.2): sent with depth 256, so they forward
   * nothing. One provider per node; `undefined` removes it.
   */
  broadcastLeaves(provider: (() => readonly Contact[]) | undefined): void;
  /**
   * Calls `listener` at every PONG with the address it reports for this node (`observed`,
   * docs/protocol.md 10.8; `undefined` when it reports none: the peer does not hold our source
   * address proven, 10.6, as after a NAT rebind) and the peer's address, unvoted: for a layer
   * that must act on a NAT rebind at once (a client's reservations, docs/nat.md). At most 8 listeners per node.
   */
  onObserved(listener: (observed: Address | undefined, observer: Address) => void): void;
  /** What this node knows of its reachability (docs/protocol.md 10.8): `nat`/`symmetric` when behind a NAT. */
  readonly natType: NatType;
  /** True when this node declares itself a client (PONG key 10): peers cannot reach it unasked. */
  readonly client: boolean;
}

/** A layer's messages and the handlers of its request types. */
export interface Protocol {
  /** A short name, for errors and stats. */
  readonly name: string;
  /** The layer's message types (codes must not collide with the engine's or another layer's). */
  readonly messages: readonly MessageSpec[];
  /** The handler of each of its request types, by type name. */
  readonly handlers: ReadonlyMap<string, RequestHandler>;
  /** Called when the engine starts (after the transport): start timers. */
  start?(): void;
  /** Called when the engine stops: end subscriptions, drop state. */
  stop?(): void;
}

/** Builds a layer on the host the engine hands it. */
export type ProtocolFactory<P extends Protocol> = (host: ProtocolHost) => P;

export type { IncomingRequest, RequestHandler };
