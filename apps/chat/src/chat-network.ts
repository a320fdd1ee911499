import type { Address } from "plexus";

/** Called with each message published to a subscribed topic: the payload and the origin's hex id. */
export type TopicHandler = (data: string, origin: string) => void;

/** Called with each direct message: the payload and the sender's hex id. */
export type DirectHandler = (data: string, from: string) => void;

/** A live subscription. */
export interface TopicSubscription {
  /** Resolves once the network knows about the subscription (publications from then on arrive). */
  readonly ready: Promise<void>;
  /** Stops delivery; idempotent. */
  unsubscribe(): void;
}

/**
 * What the chat needs from the network, and nothing more: topics, direct messages and the
 * DHT. Payloads are strings (the chat's JSON envelopes). One implementation sits on the
 * `plexus` topics API ({@link createTopicNetwork}); another sits on broadcast, for facades
 * without topics ({@link createBroadcastNetwork}). The chat logic never sees which.
 */
export interface ChatNetwork {
  /** This node's id in hex. */
  readonly idHex: string;
  /** The bound UDP address (others bootstrap through it). */
  readonly address: Address;
  /** Which implementation this is, for the ready event and the README ("topics" or "broadcast"). */
  readonly kind: string;
  /** Joins the network through any running node; a no-op for an empty list (the first node). */
  join(bootstrap: readonly Address[]): Promise<void>;
  /** Delivers messages published to `topic` (possibly this node's own too: callers filter). */
  subscribe(topic: string, handler: TopicHandler): TopicSubscription;
  /** Publishes to every subscriber of `topic`; resolves with how many nodes acknowledged. */
  publish(topic: string, data: string): Promise<number>;
  /**
   * Sends a direct message to one node.
   * @throws PlexusError `ERR_UNREACHABLE` or `ERR_TIMEOUT` when the node does not take it.
   */
  send(to: string, data: string): Promise<void>;
  /** Registers the receiver of direct messages (one; a later call replaces it). */
  onDirect(handler: DirectHandler): void;
  /** Stores a string under a string key (hashed to 32 bytes); resolves with the acks. */
  put(key: string, value: string, ttlMs: number): Promise<number>;
  /** The string stored under `key`, or `undefined`. */
  get(key: string): Promise<string | undefined>;
  /** Closes the node and its socket; idempotent. */
  close(): Promise<void>;
}
