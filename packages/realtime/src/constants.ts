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
