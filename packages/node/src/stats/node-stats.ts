import type { Address } from "@plexus/core";
import type { IdBindingState } from "../identity/id-binding.js";
import type { NatType } from "../reachability/nat-type.js";
import type { Counters, MessageCounters } from "./counters.js";
import type { Latency, LatencyStats } from "./latency.js";

/** A snapshot of a node's counters. */
export interface NodeStats {
  /** Messages sent, by type name (the layers' types included). */
  readonly sent: Readonly<MessageCounters>;
  /** Messages received, by type name. */
  readonly received: Readonly<MessageCounters>;
  /** Datagrams that failed to decode (dropped). */
  readonly malformed: number;
  /** Requests of a type no handler serves here (dropped). */
  readonly unhandled: number;
  /** Replies whose rid matched but whose source address did not (dropped). */
  readonly wrongSource: number;
  /** Replies matching no pending request (late or unsolicited; dropped). */
  readonly unmatched: number;
  /**
   * Replies from the address asked but from another node than the one asked, or of a type
   * that does not answer the request: the request failed (`ERR_REMOTE`, `protocolCode` 0).
   */
  readonly badReplies: number;
  /** Messages that could not be encoded (dropped). */
  readonly encodeErrors: number;
  readonly rpcTimeouts: number;
  readonly rpcRetries: number;
  readonly rpcRejected: number;
  /**
   * Requests failed at once (as `ERR_RPC_TIMEOUT`) without a datagram, because their address
   * timed out within the last 30 s and has sent nothing since.
   */
  readonly rpcSkipped: number;
  /**
   * Requests on behalf of others (broadcast forwarding, topic delivery and relay) refused
   * because they already held a quarter of the in-flight slots and of the queue.
   */
  readonly rpcShed: number;
  /** Requests dropped unanswered because their source subnet was over `maxRequestsPerSubnetPerSecond`. */
  readonly requestsLimited: number;
  /** Replies dropped because their destination subnet was over `maxReplyBytesPerSubnetPerSecond`. */
  readonly repliesLimited: number;
  /**
   * Replies larger than the request of a requester whose address was not proven yet, sent as
   * ERROR RETRY_WITH_TOKEN instead (docs/protocol.md 10.6); the requester repeats with the token.
   */
  readonly repliesRetried: number;
  /** Replies to an unproven address dropped because even the RETRY_WITH_TOKEN is larger than its request. */
  readonly repliesUnproven: number;
  /** This node's requests repeated with the address token a RETRY_WITH_TOKEN gave. */
  readonly retriesWithToken: number;
  readonly rpcInFlight: number;
  readonly rpcQueued: number;
  /** Smoothed round-trip time in ms (0 before the first reply). */
  readonly rttMs: number;
  /** The per-attempt request timeout in force now (adaptive, see `minRequestTimeoutMs`). */
  readonly rtoMs: number;
  readonly lookups: number;
  /** Lookups ended by their deadline (`lookupTimeoutMs`) before they converged or found the value. */
  readonly lookupTimeouts: number;
  /**
   * Walks that started from the replicas of the route cache or the one-hop full table, met a
   * failure (or their deadline) and were run again as normal walks (query/lookups.ts).
   */
  readonly routeFallbacks: number;
  /**
   * Values a get dropped because they failed verification: a signed record whose signature
   * does not verify, or (getImmutable, getMutable) any value that is not the key's content or
   * a valid record for it. The lookup asked on.
   */
  readonly forgedValues: number;
  /**
   * Values a get received that differ from the value it returned: plain values most of the
   * k closest did not agree on, older signed records, unverified values beside a verified one.
   */
  readonly outvotedValues: number;
  readonly broadcastsStarted: number;
  readonly broadcastsDelivered: number;
  readonly broadcastDuplicates: number;
  /** Broadcast hops whose bucket contacts all failed, repaired by a lookup into that bucket. */
  readonly broadcastRepairs: number;
  /** Broadcasts this node sent to its relay clients, which no routing table holds (docs/protocol.md 13.2). */
  readonly broadcastsToLeaves: number;
  /** Broadcasts dropped because they carried no origin signature (`verifyOrigins`). */
  readonly broadcastsUnsigned: number;
  /** Broadcasts dropped because their origin signature was invalid or its key does not hash to the origin id. */
  readonly broadcastsForged: number;
  /** Broadcasts dropped because their origin's sequence number was already seen or too old (a replay). */
  readonly broadcastsReplayed: number;
  /**
   * Broadcasts dropped because their origin was over `maxBroadcastsPerOriginPerSecond` or the
   * subnet they came from over `maxBroadcastsPerSubnetPerSecond`.
   */
  readonly broadcastsLimited: number;
  readonly storesAccepted: number;
  readonly storesRejected: number;
  /**
   * STOREs refused (STORE_FULL) because their source subnet (IPv4 /24, IPv6 /64) already
   * held `maxStoreSharePerSubnet` of the store's records or bytes.
   */
  readonly storesOverShare: number;
  /** Records evicted (oldest first, from the subnet holding the most) to make room for a STORE. */
  readonly storeEvictions: number;
  readonly republished: number;
  /** PINGs sent behind a NAT to keep the mappings toward this node's rendezvous nodes open (docs/protocol.md 10.8). */
  readonly natKeepAlives: number;
  /** Dial-backs asked for / confirmed (arrived unsolicited) / forwarded / sent (docs/protocol.md 10.10). */
  readonly dialBacksAsked: number;
  readonly dialBacksConfirmed: number;
  readonly dialBacksForwarded: number;
  readonly dialBacksSent: number;
  /** Event listeners that threw; each exception is also rethrown (see `safeEmit`), never swallowed. */
  readonly listenerErrors: number;
  /**
   * Contacts kept out of the routing table or of a lookup because their id is not bound to
   * their public address (`addressBoundIds`, docs/protocol.md 10.9).
   */
  readonly unboundIdsRefused: number;
  /** Times this node moved to the id bound to its public address (10.9). */
  readonly idRebinds: number;
  /**
   * This node's id against its address (10.9): `bound`; `unbound` (a public address its id is
   * not bound to: a client, or a server about to move); `exempt` (no public address known:
   * loopback, a LAN, or not learnt yet); `off` (`addressBoundIds: false`).
   */
  readonly idBinding: IdBindingState;
  readonly tableSize: number;
  readonly records: number;
  /** This node's address as at least `addressQuorum` observer subnets report it (docs/protocol.md 10.8). */
  readonly publicAddress: Address | undefined;
  /**
   * `unknown`, `direct` (nothing translates its address), `nat`, `symmetric` (docs/protocol.md
   * 10.8), or `firewalled` (its own address, but dial-backs do not get in: 10.10).
   */
  readonly natType: NatType;
  /** Whether it declares itself a client: kept out of routing tables and NODES replies. */
  readonly client: boolean;
  /** Latency histograms (RPC round trips, lookups, puts, gets): counts, sums, buckets and p50/p95/p99. */
  readonly latency: LatencyStats;
  /**
   * Nodes in the network as this node's last 16 converged lookups suggest (the median of
   * their least-squares estimates from the distances of the k closest found,
   * query/size-estimate.ts); 0 before the first.
   */
  readonly networkSize: number;
  /** Keys in the route cache (`NodeInit.routeCache`), expired ones included until pushed out. */
  readonly routeCacheSize: number;
  /** Nodes in the one-hop mode's full table (`NodeInit.oneHop`); 0 when the mode is off. */
  readonly fullTableSize: number;
}

/** The parts {@link snapshotStats} reads besides the counters. */
export interface StatsSources {
  readonly rpc: { readonly inFlight: number; readonly queued: number; readonly srttMs: number; readonly timeoutMs: number };
  readonly table: { readonly size: number };
  readonly store: { readonly size: number };
  readonly reachability: { readonly publicAddress: Address | undefined; readonly natType: NatType; readonly isClient: boolean };
  readonly latency: Latency;
  readonly lookups: { readonly size: { readonly value: number }; readonly routes: { readonly size: number }; readonly fullTableSize: number };
  readonly binding: { readonly state: IdBindingState };
}

/** A plain copy of the counters and the gauges: what `stats()` returns. */
export function snapshotStats(c: Counters, { rpc, table, store, reachability, latency, lookups, binding }: StatsSources): NodeStats {
  return {
    networkSize: lookups.size.value, routeCacheSize: lookups.routes.size, fullTableSize: lookups.fullTableSize,
    ...c, sent: c.withKnownTypes(c.sent), received: c.withKnownTypes(c.received),
    rpcInFlight: rpc.inFlight, rpcQueued: rpc.queued, rttMs: rpc.srttMs, rtoMs: rpc.timeoutMs,
    tableSize: table.size, records: store.size, latency: latency.snapshot(),
    publicAddress: reachability.publicAddress, natType: reachability.natType, client: reachability.isClient, idBinding: binding.state,
  };
}
