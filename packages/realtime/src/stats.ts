/** Counters of topics and direct messages (`realtime.stats()`). */
export interface RealtimeStats {
  /** publish() calls that a rendezvous accepted. */
  readonly published: number;
  /** Subscribers this node (as a rendezvous) sent a DELIVER to, first copies of each publication. */
  readonly deliveriesSent: number;
  /** DELIVERs that went unacknowledged (the subscriber was dropped). */
  readonly deliveriesFailed: number;
  /** SUBSCRIBEs answered BUSY because their subnet held its share of the topics or of the topic's subscribers. */
  readonly subscribesOverShare: number;
  /** Topics dropped (with their subscribers) to make room for a new topic from a subnet within its share. */
  readonly topicsEvicted: number;
  /** Subscribers dropped from a full topic to make room for one from a subnet within its share. */
  readonly subscribersEvicted: number;
  /** Topic messages handed to local subscriptions (once per publication id). */
  readonly topicMessagesDelivered: number;
  /** Duplicate PUBLISH/DELIVER/DIRECT/REQUEST ids dropped. */
  readonly realtimeDuplicates: number;
  /** Topic messages dropped because a subscription iterator's queue was full. */
  readonly topicMessagesDropped: number;
  /** Direct messages received (once per id). */
  readonly directsReceived: number;
  /** Requests this node answered (REPLY or ERROR). */
  readonly requestsAnswered: number;
  /** `message` listeners that threw (counted, and rethrown on a fresh stack: `safeEmit` in @plexus/node). */
  readonly listenerErrors: number;
  /** PUBLISH, DELIVER, DIRECT and REQUEST dropped for carrying no origin signature (`verifyOrigins`). */
  readonly originsUnsigned: number;
  /** ... dropped because the origin signature was invalid or its key does not hash to the origin id. */
  readonly originsForged: number;
  /** ... dropped because the origin's sequence number was already seen or too old (a replay). */
  readonly originsReplayed: number;
  /**
   * PUBLISHes dropped at this rendezvous because their origin was over
   * `maxPublishesPerOriginPerSecond` or their source subnet over `maxPublishesPerSubnetPerSecond`.
   */
  readonly publishesLimited: number;
  /** DELIVERs dropped because they came from a node this node is not registered with for the topic. */
  readonly deliversRefused: number;
  /** Relays that hold a reservation of this node now (a client behind a NAT; docs/nat.md). */
  readonly reservations: number;
  /** Reservations this node holds now as a relay, for nodes behind NATs. */
  readonly reservationsServed: number;
  /** Hole punches this node started toward a node behind a NAT (after a relay's CONNECTED). */
  readonly punchesTried: number;
  /** ... that got an answer from the target's address: traffic then goes direct. */
  readonly punchesSucceeded: number;
  /** PUNCHes this node acted on for one of its relays (PINGs toward the requester). */
  readonly punchesAnswered: number;
  /** DIRECT and REQUEST this node sent through a relay (punching impossible or failed). */
  readonly sentViaRelay: number;
  /** DIRECT and REQUEST this node forwarded as a relay, and their data bytes. */
  readonly relayedMessages: number;
  readonly relayedBytes: number;
  /** CONNECT and RELAY refused as a relay for being over a reservation's or the relay's budget. */
  readonly relayDropped: number;
  /** ... of `relayedMessages`, those bridged between IP families to a server in this relay's table (docs/nat.md). */
  readonly relayedBridged: number;
  /** Reservations renewed at once because a PONG reported a new mapping of this node (a NAT rebind). */
  readonly reservesOnRebind: number;
}

/** The mutable form of {@link RealtimeStats}. */
export class RealtimeCounters implements RealtimeStats {
  published = 0;
  deliveriesSent = 0;
  deliveriesFailed = 0;
  subscribesOverShare = 0;
  topicsEvicted = 0;
  subscribersEvicted = 0;
  topicMessagesDelivered = 0;
  realtimeDuplicates = 0;
  topicMessagesDropped = 0;
  directsReceived = 0;
  requestsAnswered = 0;
  listenerErrors = 0;
  originsUnsigned = 0;
  originsForged = 0;
  originsReplayed = 0;
  publishesLimited = 0;
  deliversRefused = 0;
  reservations = 0;
  reservationsServed = 0;
  punchesTried = 0;
  punchesSucceeded = 0;
  punchesAnswered = 0;
  sentViaRelay = 0;
  relayedMessages = 0;
  relayedBytes = 0;
  relayDropped = 0;
  relayedBridged = 0;
  reservesOnRebind = 0;

  /** A plain snapshot. */
  snapshot(): RealtimeStats {
    return { ...this };
  }
}
