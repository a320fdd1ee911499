/**
 * HELP lines of the metrics `prometheusText` writes, by stats field. A counter missing here
 * (one added to `stats()` later) is still exported, with a generic HELP.
 */
export const COUNTER_HELP: Readonly<Record<string, string>> = Object.freeze({
  malformed: "Datagrams that failed to decode (dropped).",
  unhandled: "Requests of a type no handler serves here (dropped).",
  wrongSource: "Replies whose rid matched but whose source address did not (dropped).",
  unmatched: "Replies matching no pending request (late or unsolicited; dropped).",
  badReplies: "Replies from another node than the one asked, or of the wrong type.",
  encodeErrors: "Messages that could not be encoded (dropped).",
  rpcTimeouts: "Requests that timed out after their retries.",
  rpcRetries: "Request attempts repeated after a timeout.",
  rpcRejected: "Requests refused because the request queue was full.",
  rpcSkipped: "Requests failed at once to an address that just timed out.",
  rpcShed: "Requests on behalf of others refused because their share of the slots was full.",
  requestsLimited: "Requests dropped because their source subnet was over its request rate.",
  repliesLimited: "Replies dropped because their destination subnet was over its reply-byte rate.",
  repliesRetried: "Replies to unproven addresses sent as ERROR RETRY_WITH_TOKEN instead.",
  repliesUnproven: "Replies to unproven addresses dropped (even the retry was larger than the request).",
  retriesWithToken: "Own requests repeated with the address token a RETRY_WITH_TOKEN gave.",
  lookups: "Iterative lookups started.",
  lookupTimeouts: "Lookups ended by their deadline before they converged.",
  routeFallbacks: "Walks from the route cache or the one-hop table that failed and ran again as normal walks.",
  forgedValues: "Values a get dropped because they failed verification.",
  outvotedValues: "Values a get received that differ from the one it returned.",
  broadcastsStarted: "Broadcasts this node started.",
  broadcastsDelivered: "Broadcasts delivered here (once per id).",
  broadcastDuplicates: "Duplicate broadcast copies dropped.",
  broadcastRepairs: "Broadcast hops repaired by a lookup.",
  broadcastsToLeaves: "Broadcasts sent to relay clients, which no routing table holds.",
  broadcastsUnsigned: "Broadcasts dropped for carrying no origin signature.",
  broadcastsForged: "Broadcasts dropped for an invalid origin signature.",
  broadcastsReplayed: "Broadcasts dropped as replays.",
  broadcastsLimited: "Broadcasts dropped by the per-origin or per-subnet rate.",
  storesAccepted: "STOREs from other nodes accepted.",
  storesRejected: "STOREs from other nodes refused.",
  storesOverShare: "STOREs refused because their subnet held its share of the store.",
  storeEvictions: "Records evicted to make room for a STORE.",
  republished: "Records republished.",
  listenerErrors: "Event listeners that threw (counted, not rethrown).",
  unboundIdsRefused: "Contacts kept out of the table or a lookup: id not bound to their public address.",
  idRebinds: "Times this node moved to the id bound to its public address.",
  published: "Publications a rendezvous accepted.",
  deliveriesSent: "DELIVERs sent to subscribers (as a rendezvous).",
  deliveriesFailed: "DELIVERs that went unacknowledged.",
  subscribesOverShare: "SUBSCRIBEs refused because their subnet held its share.",
  topicsEvicted: "Topics dropped to make room for a new one.",
  subscribersEvicted: "Subscribers dropped from a full topic.",
  topicMessagesDelivered: "Topic messages handed to local subscriptions.",
  realtimeDuplicates: "Duplicate realtime message ids dropped.",
  topicMessagesDropped: "Topic messages dropped because a subscription queue was full.",
  directsReceived: "Direct messages received.",
  requestsAnswered: "Requests (request/reply) this node answered.",
  originsUnsigned: "Realtime messages dropped for carrying no origin signature.",
  originsForged: "Realtime messages dropped for an invalid origin signature.",
  originsReplayed: "Realtime messages dropped as replays.",
  publishesLimited: "PUBLISHes dropped by the per-origin or per-subnet rate.",
  deliversRefused: "DELIVERs refused from a node this node is not registered with.",
});

/** Gauges of `stats()`: name, HELP, and the factor to base units (ms to seconds). */
export const GAUGES: Readonly<Record<string, { readonly name: string; readonly help: string; readonly scale: number }>> = Object.freeze({
  rpcInFlight: { name: "rpc_in_flight", help: "Requests awaiting a reply.", scale: 1 },
  rpcQueued: { name: "rpc_queued", help: "Requests waiting for an in-flight slot.", scale: 1 },
  rttMs: { name: "rpc_srtt_seconds", help: "Smoothed round-trip time (0 before the first reply).", scale: 1e-3 },
  rtoMs: { name: "rpc_timeout_seconds", help: "The per-attempt request timeout in force now.", scale: 1e-3 },
  tableSize: { name: "routing_table_contacts", help: "Contacts in the routing table.", scale: 1 },
  records: { name: "stored_records", help: "Records held by this node.", scale: 1 },
  networkSize: { name: "network_size_estimate", help: "Nodes in the network as recent lookups suggest.", scale: 1 },
  routeCacheSize: { name: "route_cache_keys", help: "Keys in the route cache.", scale: 1 },
  fullTableSize: { name: "full_table_contacts", help: "Nodes in the one-hop mode's full table.", scale: 1 },
});

/** The latency histograms of `stats().latency`, exported in seconds. */
export const HISTOGRAMS: Readonly<Record<string, { readonly name: string; readonly help: string }>> = Object.freeze({
  rpcRttMs: { name: "rpc_rtt_seconds", help: "Round-trip time of requests answered at their first attempt." },
  lookupMs: { name: "lookup_duration_seconds", help: "Duration of iterative lookups." },
  putMs: { name: "put_duration_seconds", help: "Duration of completed puts." },
  getMs: { name: "get_duration_seconds", help: "Duration of completed gets, found or not." },
});

/** Counters of the UDP socket (`stats().transport`), exported as `plexus_udp_*_total`. */
export const TRANSPORT_HELP: Readonly<Record<string, string>> = Object.freeze({
  datagramsSent: "Datagrams handed to the socket.",
  datagramsReceived: "Datagrams received.",
  bytesSent: "Bytes handed to the socket.",
  bytesReceived: "Bytes received.",
  datagramsDropped: "Datagrams dropped by the transport (oversized, not started, handler threw, send failed).",
  handlerErrors: "Datagrams whose handler threw.",
  sendErrors: "Sends the OS rejected.",
  socketErrors: "Socket errors after binding.",
});
