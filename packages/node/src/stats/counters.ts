import type { KademliaMessageType } from "@plexus/wire";

/** A Kademlia message type name. */
type MessageTypeName = keyof typeof KademliaMessageType;

/** Counts by message type name: the Kademlia types always, and those the layers registered. */
export interface MessageCounters extends Record<MessageTypeName, number> {
  [type: string]: number;
}

/**
 * The mutable counters a node keeps; `NodeStats` is a snapshot of them plus live gauges.
 * Plain fields so that the hot path increments without lookups.
 */
export class Counters {
  /** Bound: one entry per message type the codec knows (a type is added when first counted). */
  readonly sent = {} as MessageCounters;
  /** Bound: one entry per message type the codec knows (a type is added when first counted). */
  readonly received = {} as MessageCounters;
  malformed = 0;
  /** Requests of a type no handler serves (a layer that is not installed here). */
  unhandled = 0;
  wrongSource = 0;
  unmatched = 0;
  /** Replies from the address asked, but from another node than the one asked or of a type that does not answer the request. */
  badReplies = 0;
  encodeErrors = 0;
  rpcTimeouts = 0;
  rpcRetries = 0;
  rpcRejected = 0;
  /** Requests failed at once, with no datagram, to an address that just timed out (rpc/unresponsive.ts). */
  rpcSkipped = 0;
  /** Requests on behalf of others refused because their quarter of the slots and queue was full. */
  rpcShed = 0;
  /** Requests dropped unanswered: their source subnet was over its request budget. */
  requestsLimited = 0;
  /** Replies dropped: their destination subnet was over its reply-byte budget. */
  repliesLimited = 0;
  /** Replies larger than an unproven requester sent, answered with ERROR RETRY_WITH_TOKEN instead. */
  repliesRetried = 0;
  /** Replies to an unproven requester dropped because even the RETRY_WITH_TOKEN would be larger than its request. */
  repliesUnproven = 0;
  /** Own requests repeated with the address token a RETRY_WITH_TOKEN gave. */
  retriesWithToken = 0;
  lookups = 0;
  /** Lookups ended by their deadline (`lookupTimeoutMs`) before they converged. */
  lookupTimeouts = 0;
  /** Walks from the route cache or the full table that failed somewhere and fell back to the normal walk. */
  routeFallbacks = 0;
  /** Values a get dropped because they failed verification (hash or signature). */
  forgedValues = 0;
  /** Values a get received that differ from the one it returned (outvoted or older). */
  outvotedValues = 0;
  broadcastsStarted = 0;
  broadcastsDelivered = 0;
  broadcastDuplicates = 0;
  /** Buckets whose contacts all failed a broadcast hop, repaired by a lookup into them. */
  broadcastRepairs = 0;
  /** Broadcasts sent to nodes in no routing table: a relay's reserved clients (depth 256). */
  broadcastsToLeaves = 0;
  /** Broadcasts dropped: no origin signature (origins/origin-guard.ts). */
  broadcastsUnsigned = 0;
  /** Broadcasts dropped: the origin signature did not verify or its key does not hash to the origin. */
  broadcastsForged = 0;
  /** Broadcasts dropped: the origin's sequence number was replayed or too old. */
  broadcastsReplayed = 0;
  /** Broadcasts dropped: their origin or source subnet was over its rate. */
  broadcastsLimited = 0;
  storesAccepted = 0;
  storesRejected = 0;
  /** STOREs refused because their source subnet held its share of the store (records/store-quota.ts). */
  storesOverShare = 0;
  /** Records evicted to make room for a STORE from a subnet within its share. */
  storeEvictions = 0;
  republished = 0;
  /** PINGs sent behind a NAT to keep the mappings toward rendezvous nodes open (reachability/nat-keepalive.ts). */
  natKeepAlives = 0;
  /** Dial-backs this node asked peers for, to learn whether it takes unsolicited datagrams (reachability/firewall-check.ts). */
  dialBacksAsked = 0;
  /** Dial-backs that arrived for this node from an address it never sent to (each one proof it is reachable). */
  dialBacksConfirmed = 0;
  /** Dial-back requests this node passed on to a third node (reachability/dial-back.ts). */
  dialBacksForwarded = 0;
  /** Dial-back PINGs this node sent for a peer; at most one small PING per request, rate-limited. */
  dialBacksSent = 0;
  listenerErrors = 0;
  unboundIdsRefused = 0;
  idRebinds = 0;

  /**
   * The codecs' lists of type names (shared with them, not copied), listed at 0 by
   * {@link withKnownTypes}. Bound: one list per codec the node built (one per layer registered).
   */
  #types: readonly (readonly string[])[] = [];

  /** Makes a snapshot list every type of `types` (0 until counted). */
  addTypes(types: readonly string[]): void {
    this.#types = this.#types.concat([types]); // exact size: a push or a spread leaves ~16 slots of slack
  }

  /**
   * A copy of `counts` (`sent` or `received`) listing every known type, in the codec's order.
   * Per node the counts hold only the types counted: prefilling ~40 layer types put two
   * dictionary-mode objects of ~1.6 KB each on every node.
   */
  withKnownTypes(counts: MessageCounters): MessageCounters {
    const all = {} as MessageCounters;
    for (const types of this.#types) for (const type of types) all[type] = 0;
    return Object.assign(all, counts);
  }
}

/** Adds one to `counts[type]`. */
export function countOne(counts: MessageCounters, type: string): void {
  counts[type] = (counts[type] ?? 0) + 1;
}
