/**
 * Limits of the realtime messages (topics and direct messages; docs/protocol.md, section 12).
 */

/** Largest payload of PUBLISH, DELIVER, DIRECT, REQUEST and REPLY, so each always fits one datagram. */
export const MAX_MESSAGE_DATA_BYTES = 1024;
/** Length of a realtime message id (publish, direct message, request) in bytes. */
export const MESSAGE_ID_BYTES = 16;
/** Largest `ttlMs` a SUBSCRIBE carries: uint32 (~49.7 days; receivers cap it much lower). */
export const MAX_SUBSCRIBE_TTL_MS = 0xffff_ffff;
/** Most rendezvous ids a SUBSCRIBE lists (the replication factor r is far below it). */
export const MAX_SUBSCRIBE_RENDEZVOUS = 8;
/** Largest PUBLISH `hops`: 0 from the publisher, 1 relayed by a rendezvous; room for later schemes. */
export const MAX_PUBLISH_HOPS = 255;
/** Largest subscriber count a PUBLISHED reports: uint32. */
export const MAX_PUBLISHED_SUBSCRIBERS = 0xffff_ffff;
/** Largest `ttlMs` of RESERVE and RESERVED: uint32 (relays cap it much lower). */
export const MAX_RESERVE_TTL_MS = 0xffff_ffff;
/** Largest RESERVE / CONNECTED `flags`: one byte (bit 0: symmetric NAT; the rest reserved, sent as 0). */
export const MAX_RESERVE_FLAGS = 0xff;
/** RESERVE / CONNECTED flag: the reserving node's NAT maps a new port per destination. */
export const RESERVE_FLAG_SYMMETRIC = 1;
/**
 * CONNECTED flag: the target is no client of this relay but a server in its table of the other
 * IP family than the requester's; the relay bridges the families (docs/protocol.md 13.6): relay, do not punch.
 */
export const CONNECTED_FLAG_BRIDGED = 2;
/** ERROR code of a relay that holds no reservation for the CONNECT or RELAY target (realtime range 16-31). */
export const NO_RESERVATION = 18;
