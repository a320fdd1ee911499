import type { Contact, NodeId } from "@plexus/core";

/** Options of the realtime calls. */
export interface RealtimeCallOptions {
  /** Aborts the call (or, for subscribe, ends the iteration); it rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** A publication received on a subscribed topic. */
export interface TopicMessage {
  /** The topic key (32 bytes). */
  readonly topic: NodeId;
  /** Publication id (16 bytes); each id reaches the application at most once. */
  readonly id: Uint8Array;
  /** Node id of the publisher. */
  readonly origin: NodeId;
  readonly data: Uint8Array;
  /** The rendezvous node that delivered it. */
  readonly from: Contact;
}

/**
 * A live subscription: iterate it for the topic's messages. Ending the iteration (break,
 * `return()`) or aborting the signal unsubscribes.
 */
export interface TopicSubscription extends AsyncIterableIterator<TopicMessage> {
  /** The topic key. */
  readonly topic: NodeId;
  /**
   * Resolves once the first registration round finished, to the number of rendezvous
   * nodes that acknowledged it (0 when none could be reached; it keeps retrying).
   */
  readonly ready: Promise<number>;
  /** Ends the iteration and unsubscribes (when no other iterator holds the topic). */
  return(): Promise<IteratorResult<TopicMessage>>;
}

/** Outcome of publish(). */
export interface PublishResult {
  /** Publication id (16 bytes). */
  readonly id: Uint8Array;
  /** Rendezvous nodes that accepted the PUBLISH directly (1: that node relays it to the others). */
  readonly rendezvous: number;
  /** Subscribers the accepting rendezvous holds for the topic (the others may hold more). */
  readonly subscribers: number;
}

/** A direct message delivered to this node (the `message` event). */
export interface DirectMessageEvent {
  /** Message id (16 bytes); each id reaches the application at most once. */
  readonly id: Uint8Array;
  /** Node id of the sender. */
  readonly origin: NodeId;
  readonly data: Uint8Array;
  /** The contact it came from. */
  readonly from: Contact;
}

/**
 * Answers a request(): returns (or resolves to) the reply bytes, at most
 * `MAX_MESSAGE_DATA_BYTES`. A throw or an oversized reply answers ERROR `HANDLER_FAILED`.
 * `from`: the requester's id (the request's origin) and the address the request came from:
 * the requester's, or its relay's when it reached this node behind a NAT through one.
 */
export type RequestHandler = (data: Uint8Array, from: Contact) => Uint8Array | Promise<Uint8Array>;

/** The realtime part of `PlexusNode`: topics and direct messages. */
export interface RealtimeApi {
  /**
   * Subscribes to `topic` (a 32-byte key, e.g. `topicKey("room")`): registers at the
   * rendezvous nodes and renews until the iteration ends or `signal` aborts.
   * @throws PlexusError `ERR_INVALID_ID` (synchronously) for a bad topic, `ERR_NOT_STARTED`.
   */
  subscribe(topic: NodeId, options?: RealtimeCallOptions): TopicSubscription;
  /**
   * Publishes `data` to every current subscriber of `topic`, through its closest live
   * rendezvous node.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` over MAX_MESSAGE_DATA_BYTES, `ERR_NO_CONTACTS`,
   *   `ERR_UNREACHABLE` when no rendezvous accepted it, `ERR_TIMEOUT` past `directTimeoutMs`.
   */
  publish(topic: NodeId, data: Uint8Array, options?: RealtimeCallOptions): Promise<PublishResult>;
  /**
   * Sends `data` to node `id`; resolves once it acknowledged receipt.
   * @throws PlexusError `ERR_UNREACHABLE` when a lookup does not find `id`, `ERR_RPC_TIMEOUT`
   *   when it does not answer, `ERR_TIMEOUT` past `directTimeoutMs`, `ERR_VALUE_TOO_LARGE`.
   */
  send(id: NodeId, data: Uint8Array, options?: RealtimeCallOptions): Promise<void>;
  /**
   * Sends `data` to node `id`'s request handler and resolves to its reply.
   * @throws PlexusError like `send`, and `ERR_REMOTE` (a `RemoteError` whose
   *   `protocolCode` is NO_HANDLER or HANDLER_FAILED) when it has no handler or it failed.
   */
  request(id: NodeId, data: Uint8Array, options?: RealtimeCallOptions): Promise<Uint8Array>;
  /** Sets (or with `undefined` clears) the handler that answers requests. */
  handleRequests(handler: RequestHandler | undefined): void;
}
