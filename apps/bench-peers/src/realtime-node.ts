/**
 * Topics and direct messages as the realtime part of the workload (realtime-workload.ts)
 * drives them: Plexus subscribe/publish and request/send, hyperswarm topic join and
 * direct connections. One interface, so both are timed from the same points.
 */

/** A node's realtime side; the topic calls are absent where the library has no topics. */
export interface RealtimeNode {
  /** What others reach this node by: Plexus' node id, hyperswarm's Noise public key. */
  readonly key: Uint8Array;
  /**
   * Makes this node the peer on `topic` that gives a newcomer `greeting`; resolves once a
   * newcomer can find it (hyperswarm: announced, `flushed()`; Plexus: at once, it publishes
   * when told a subscriber's registration landed).
   */
  hostTopic?(topic: Uint8Array, greeting: Uint8Array, signal: AbortSignal): Promise<TopicHost>;
  /**
   * Joins `topic` and resolves to the first message a peer on it sends. Libraries that
   * publish rather than greet on connection call `host.joined()` once this node's
   * registration landed, and the host publishes then.
   */
  joinTopic?(topic: Uint8Array, host: TopicHost, signal: AbortSignal): Promise<Uint8Array>;
  /** Whatever this node needs to talk to the node reached by `key` (hyperswarm: a connection). */
  openDirect(key: Uint8Array, signal: AbortSignal): Promise<DirectChannel>;
}

/** A node hosting a topic. */
export interface TopicHost {
  /** Called by the joiner once its registration landed (Plexus: the host publishes now). */
  joined(signal: AbortSignal): Promise<void>;
  /** Leaves the topic. */
  close(): Promise<void>;
}

/** A way to send to one peer. */
export interface DirectChannel {
  /** Sends `data`; the peer echoes it; resolves to the echo. */
  roundTrip(data: Uint8Array, signal: AbortSignal): Promise<Uint8Array>;
  /** One-way message the peer acknowledges (Plexus `send`); absent where the library has none. */
  send?(data: Uint8Array, signal: AbortSignal): Promise<void>;
  /** Closes what `openDirect` opened. */
  close(): Promise<void>;
}
