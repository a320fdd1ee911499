/** Defaults of the realtime tunables (topics and direct messages); units in the names. */

/** Rendezvous nodes per topic: the r nodes closest to the topic key hold its subscribers. */
export const TOPIC_REPLICATION = 3;
/** Lifetime of a subscription unless renewed; subscribers renew at half of it. */
export const SUBSCRIPTION_TTL_MS = 60_000;
/** Longest subscription lifetime a rendezvous grants (longer requests are capped). */
export const MAX_SUBSCRIPTION_TTL_MS = 600_000;
/** Retry delay of a subscription that no rendezvous acknowledged (capped at half the TTL). */
export const SUBSCRIBE_RETRY_MS = 5_000;
/** Topics a rendezvous node holds subscribers for; a SUBSCRIBE for one more gets ERROR BUSY. */
export const MAX_TOPICS = 1024;
/** Subscribers a rendezvous node holds per topic; one more gets ERROR BUSY. */
export const MAX_SUBSCRIBERS_PER_TOPIC = 256;
/**
 * Share of the topics, and of one topic's subscribers, that one /24 or /64 may hold at a
 * rendezvous: 1/8 (128 of 1,024 topics, 32 of a topic's 256 subscribers).
 */
export const MAX_SUBSCRIBE_SHARE_PER_SUBNET = 0.125;
/** How long a publisher reuses the rendezvous nodes it looked up for a topic. */
export const RENDEZVOUS_CACHE_MS = 10_000;
/** Topics whose rendezvous nodes a publisher remembers. */
export const RENDEZVOUS_CACHE_SIZE = 256;
/** Realtime message ids remembered per kind (publications, deliveries, direct messages) for de-duplication. */
export const MESSAGE_DEDUP_SIZE = 8192;
/** How long a realtime message id is remembered. */
export const MESSAGE_DEDUP_WINDOW_MS = 600_000;
/** Longest a send(), request() or publish() takes before ERR_TIMEOUT, lookup included. */
export const DIRECT_TIMEOUT_MS = 10_000;
/** Node contacts found by lookup that send()/request() remember, and for how long. */
export const CONTACT_CACHE_SIZE = 256;
export const CONTACT_CACHE_MS = 60_000;
/** Answered requests remembered, so a retried REQUEST gets the same reply without a second handler call. */
export const REPLY_CACHE_SIZE = 1024;
/** Topic messages queued per subscription iterator before the oldest is dropped. */
export const MAX_QUEUED_TOPIC_MESSAGES = 1024;
/** PUBLISHes a rendezvous accepts per origin per second (burst: 10 s of it). */
export const MAX_PUBLISHES_PER_ORIGIN_PER_SECOND = 20;
/** PUBLISHes a rendezvous accepts per source subnet per second (burst: 2 s of it; loopback exempt). */
export const MAX_PUBLISHES_PER_SUBNET_PER_SECOND = 200;
/** Relays a node behind a NAT reserves (docs/nat.md); 0 turns reservations off. */
export const RELAYS = 3;
/** Lifetime of a reservation unless renewed; the reserving node renews at half of it. */
export const RESERVATION_TTL_MS = 60_000;
/** Reservations a relay holds at once; one more gets ERROR BUSY. */
export const MAX_RESERVATIONS = 256;
/** Reservations one subnet (IPv4 /24, IPv6 /64) holds at a relay: an eighth, as the store's share. */
export const MAX_RESERVATIONS_PER_SUBNET = 32;
/** Relayed messages per second per reservation at a relay (burst: 2 s of it). */
export const RELAY_MESSAGES_PER_SECOND = 20;
/** Relayed data bytes per second per reservation at a relay (burst: 2 s of it). */
export const RELAY_BYTES_PER_SECOND = 16_384;
/** Relayed messages per second through one relay, all reservations together (burst: 2 s). */
export const RELAY_TOTAL_MESSAGES_PER_SECOND = 500;
/** Relayed data bytes per second through one relay, all reservations together (burst: 2 s). */
export const RELAY_TOTAL_BYTES_PER_SECOND = 262_144;
/** First reservation check after start, and the retry delay while fewer relays than wanted answered. */
export const RESERVE_RETRY_MS = 2_000;
/**
 * Renewal of the reservations at the current relays: below the UDP timeouts of home routers
 * (~20-30 s), so the RESERVE is also the keep-alive of the NAT mapping toward each relay, and
 * a rebound NAT's new mapping reaches the relays within this time.
 */
export const RESERVE_REFRESH_MS = 15_000;
/**
 * Least time between two renewals a NAT rebind triggers (a PONG reporting a new mapping,
 * docs/nat.md): a peer that lies about the address costs at most `relays` RESERVEs per this.
 */
export const REBIND_RENEW_GAP_MS = 5_000;
/** How often a client looks up its own id to pick its relays anew (churn). */
export const RESERVE_LOOKUP_MS = 60_000;
/** Check interval while the node needs no relay (its NAT type may change). */
export const RESERVE_CHECK_MS = 5_000;
/** Nodes closest to a target that a requester asks for a reservation (CONNECT), one after another. */
export const CONNECT_CANDIDATES = 6;
/** PINGs each side sends when punching (one try and three retries)... */
export const PUNCH_ATTEMPTS = 5;
/** ...this far apart (no backoff: a lost punch is a dropped datagram, not a slow peer). */
export const PUNCH_INTERVAL_MS = 250;
/** Punches a node behind a NAT runs at once on its relays' behalf; more PUNCHes are dropped. */
export const MAX_PUNCHES_IN_FLIGHT = 16;
/** Punches a requester runs at once (a second one toward the same target waits for the relay). */
export const MAX_PENDING_PUNCHES = 64;
/** Routes (punched address or relay) a requester remembers per target, and for how long (below NAT UDP timeouts). */
export const ROUTE_CACHE_SIZE = 256;
export const ROUTE_CACHE_MS = 15_000;
