/** Defaults of {@link NodeInit}; units in the names. Protocol rules cite Maymounkov & Mazières 2002. */

/** Per-attempt reply timeout; one UDP round trip on a bad path is well under it. */
export const REQUEST_TIMEOUT_MS = 1000;
/**
 * Floor of the adaptive request timeout. RFC 6298 uses 1 s for TCP; a DHT asks many peers
 * once each and routes around a silent one, so a dead peer should cost little. 100 ms stays
 * above loopback/LAN RTTs plus the event-loop stalls (GC, a busy process) that a
 * microsecond srtt would not predict, so a live peer is rarely timed out spuriously.
 */
export const MIN_REQUEST_TIMEOUT_MS = 100;
/** Extra attempts of PING, STORE and BROADCAST (lookups ask another node instead). */
export const REQUEST_RETRIES = 1;
/** Floor of the adaptive lookup stall delay. */
export const MIN_LOOKUP_STALL_MS = 5;
/** The adaptive stall delay is this many smoothed RTTs. */
export const LOOKUP_STALL_RTT_FACTOR = 3;
/**
 * A get's walk asks one contact per disjoint path first and the rest of alpha at the first
 * reply or after this long (query/walk.ts `probeFirst`): on a LAN or loopback the first
 * replies usually end it; on the internet, with RTTs of tens of ms, it costs this much.
 */
export const PROBE_FIRST_MS = 2;
/**
 * Requests a get's opening sends one at a time, each to the closer candidate the last reply
 * named (query/probe-first.ts): a key two hops beyond the getter's table still costs two or
 * three requests, not paths x alpha.
 */
export const PROBE_HOPS = 3;
/** Requests awaiting replies at once. */
export const MAX_IN_FLIGHT_REQUESTS = 256;
/** Requests queued behind the in-flight cap. */
export const MAX_QUEUED_REQUESTS = 4096;
/** Bootstrap ping rounds before giving up. */
export const JOIN_ATTEMPTS = 5;
/** First join backoff; doubles per round up to 8x. */
export const JOIN_BACKOFF_MS = 250;
/** Bucket refresh interval (paper 2.3: one hour). */
export const REFRESH_INTERVAL_MS = 3_600_000;
/** Keep-alive interval: under the ~30 s UDP mapping timeout of common NATs. */
export const KEEP_ALIVE_INTERVAL_MS = 25_000;
/** Ids remembered as clients (PONG key 10, docs/protocol.md 10.8), kept out of the table. */
export const MAX_CLIENT_IDS = 1024;
/** Keep-alive PINGs toward the rendezvous of a node behind a NAT: below the ~30 s UDP timeout of aggressive routers. */
export const NAT_KEEP_ALIVE_INTERVAL_MS = 15_000;
/** Observer subnets that must agree on this node's address (docs/protocol.md 10.8). */
export const ADDRESS_QUORUM = 3;
/** Keep-alive pings per interval. */
export const KEEP_ALIVE_MAX_PER_TICK = 8;
/** Default record TTL (paper 2.5: 24 h). */
export const DEFAULT_TTL_MS = 86_400_000;
/** Largest TTL accepted from a STORE. */
export const MAX_TTL_MS = 172_800_000;
/** Publisher republish interval. */
export const REPUBLISH_INTERVAL_MS = 43_200_000;
/** Replica republish interval (paper 2.5: one hour). */
export const REPLICA_REPUBLISH_INTERVAL_MS = 3_600_000;
/** Items a node republishes as publisher. */
export const MAX_PUBLISHED_ITEMS = 1024;
/** Contacts per bucket per broadcast hop. */
export const BROADCAST_REDUNDANCY = 2;
/** Contacts tried per redundancy slot of a bucket. */
export const BROADCAST_ATTEMPTS_PER_BUCKET = 6;
/**
 * A broadcast hop whose bucket contacts all failed repairs it with a lookup when the bucket
 * sits at least this many levels above our deepest one (a subtree of ~2^3 = 8 nodes or more).
 */
export const BROADCAST_REPAIR_MIN_LEVELS = 3;
/** Broadcast ids remembered. */
export const BROADCAST_DEDUP_SIZE = 8192;
/** How long a broadcast id is remembered. */
export const BROADCAST_DEDUP_WINDOW_MS = 600_000;
/** Consecutive failed requests after which a contact leaves the table. */
export const MAX_CONTACT_FAILURES = 2;
/**
 * Consecutive failed requests after which a contact leaves even when no replacement is
 * waiting (paper section 4.1: with an empty replacement cache a stale contact is only
 * flagged, so a lossy link never empties a table).
 */
export const MAX_STALE_CONTACT_FAILURES = 5;
/**
 * Proven replacements a full bucket keeps waiting (verifyIdentities): a contact that answers
 * us for a full bucket is challenged only while fewer wait (routing/proof-policy.ts); the
 * replacement cache holds up to REPLACEMENT_CACHE_SIZE (8) from other paths.
 */
export const PROVEN_REPLACEMENTS = 2;
/** Admission pings (to unknown requesters) in flight at once. */
export const MAX_ADMISSION_PINGS = 64;
/**
 * Id challenges out with this node's FIND_NODEs at once (docs/protocol.md 10.2; ~150 bytes
 * each): a few walks' worth of contacts not yet in the table.
 */
export const MAX_ANSWER_CHALLENGES = 256;
/**
 * A contact heard from within this long is presumed live (BEP 5's "good" node): a newcomer
 * to its full bucket waits in the replacement cache without a PING to the oldest (paper
 * 4.1: probe lazily; failures on use evict it, and a replacement takes its place).
 */
export const FRESH_CONTACT_MS = 15 * 60_000;
/** Lookups a node runs at once for bucket refresh and replica republish. */
export const BACKGROUND_LOOKUP_CONCURRENCY = 3;
/** Records a replica republishes per sweep. */
export const MAX_REPUBLISH_PER_SWEEP = 1024;
/** Smallest remaining TTL worth republishing. */
export const MIN_REPUBLISH_TTL_MS = 1000;
/**
 * Contacts a join tries to have in each bucket farther than its closest neighbour. Such a
 * bucket covers >= 1/4 of the id space beyond the near ones, so a few contacts already give
 * the first lookup hop its log2(k)-ish bits of progress; more arrive with incoming traffic.
 */
export const JOIN_BUCKET_FILL = 3;
/** Contacts a join's far-bucket probe asks (the next one only when the previous failed). */
export const JOIN_PROBE_ATTEMPTS = 2;
/** Extra attempts of a lookup's FIND_NODE / FIND_VALUE after a timeout (lossy paths). */
export const LOOKUP_RETRIES = 2;
/**
 * Deadline of every lookup (NodeInit.lookupTimeoutMs). discv5 and rust-libp2p's Kademlia end
 * a query at 60 s; bittorrent-dht, dht-rpc and the `mainline` crate set none (their bound is
 * the shortlist and the per-request timeout). 15 s is 5 dead contacts in a row at our worst
 * case of 3 attempts x the 1 s request timeout, and many times an honest lookup's few round
 * trips; a lookup that a lying responder keeps busy ends here.
 */
export const LOOKUP_TIMEOUT_MS = 15_000;
/** Most self lookups a join runs when the first one had failures and left the table small. */
export const JOIN_SELF_LOOKUPS = 3;
/** Most routing-table contacts a node saves for its next run (256 buckets x k would be ~5,000). */
export const MAX_SAVED_CONTACTS = 1024;
/** How often a node with a `state` component saves its routing table. */
export const TABLE_SAVE_INTERVAL_MS = 60_000;
/** Contacts of one IPv4 /24 or IPv6 /64 a bucket may hold (NodeInit.maxContactsPerSubnetPerBucket). */
export const MAX_CONTACTS_PER_SUBNET_PER_BUCKET = 2;
/** Contacts of one IPv4 /24 or IPv6 /64 the routing table may hold (NodeInit.maxContactsPerSubnet). */
export const MAX_CONTACTS_PER_SUBNET = 10;
/**
 * How long requests to an address whose last request timed out (after its retries) fail at
 * once, without a datagram, unless it sends something first (rpc/unresponsive.ts).
 */
export const UNRESPONSIVE_MS = 30_000;
/** Unresponsive addresses remembered (the oldest is forgotten first). */
export const MAX_UNRESPONSIVE = 1024;
/** Requests handled per second from one subnet (NodeInit.maxRequestsPerSubnetPerSecond). */
export const MAX_REQUESTS_PER_SUBNET_PER_SECOND = 100;
/** Reply bytes per second toward one subnet (NodeInit.maxReplyBytesPerSubnetPerSecond). */
export const MAX_REPLY_BYTES_PER_SUBNET_PER_SECOND = 131_072;
/**
 * Broadcasts one origin may start per second, as every node counts them (NodeInit); a burst
 * of 10 s of it. A broadcast costs ~2 datagrams per node of the network.
 */
export const MAX_BROADCASTS_PER_ORIGIN_PER_SECOND = 2;
/** First copies of broadcasts accepted per second from one source subnet (NodeInit); burst 2 s of it. */
export const MAX_BROADCASTS_PER_SUBNET_PER_SECOND = 20;
/** Records other nodes may store here (the memory store's default record cap). */
export const MAX_STORED_RECORDS = 65_536;
/** Estimated memory those records may take: 64 MiB (value, key, publisher, overheads). */
export const MAX_STORED_BYTES = 64 * 1024 * 1024;
/**
 * Share of the stored records and bytes one /24 or /64 may hold: 1/8, so a flood from one
 * subnet takes at most an eighth of the store and at least 8 subnets are needed to fill it.
 */
export const MAX_STORE_SHARE_PER_SUBNET = 0.125;
/**
 * Disjoint paths of a get and a put (NodeInit.disjointPaths; S/Kademlia section 4.4,
 * which reaches 99 % lookup success with 20 % adversarial nodes at d = 8 of k = 16). Responders
 * that answer FIND_NODE with each other capture a path that meets them, not the others.
 */
export const DISJOINT_PATHS = 3;
/** Keys the route cache remembers (NodeInit.routeCache; the `mainline` crate's MAX_CACHED_ITERATIVE_QUERIES). */
export const ROUTE_CACHE_ENTRIES = 1000;
/** How long a route cache entry is used: under the 5 minutes a store token stays valid at least. */
export const ROUTE_CACHE_TTL_MS = 300_000;
/** Nodes the one-hop mode's full table keeps when `NodeInit.oneHop` gives no `maxContacts`. */
export const ONE_HOP_MAX_CONTACTS = 1000;

/** How often a contact's declared address in the other IP family is checked by a PING, at most (docs/protocol.md 10.11). */
export const ALT_CHECK_MS = 10 * 60_000;
