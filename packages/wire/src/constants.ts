/** Protocol version carried in every envelope (docs/protocol.md). */
export const PROTOCOL_VERSION = 1;
/**
 * Largest datagram Plexus sends or accepts, in bytes: 1232 = the IPv6 minimum MTU (1280)
 * less IPv6 and UDP headers, so no datagram is ever fragmented on IPv4 or IPv6 paths.
 */
export const MAX_DATAGRAM_BYTES = 1232;
/** Largest value a STORE or VALUE carries, so that either always fits one datagram. */
export const MAX_VALUE_BYTES = 1024;
/** Largest payload of a BROADCAST, so that it always fits one datagram. */
export const MAX_BROADCAST_DATA_BYTES = 1024;
/** Most contacts a NODES reply carries (k). */
export const MAX_CONTACTS = 20;
/** Length of a broadcast id in bytes. */
export const BROADCAST_ID_BYTES = 16;
/** Longest ERROR message text in bytes (UTF-8). */
export const MAX_ERROR_MESSAGE_BYTES = 256;
/**
 * Deepest container nesting a datagram may have, in levels (the envelope array is level 1,
 * a NODES contact list 2, a contact 3). Leaves room for extension maps.
 */
export const MAX_NESTING_DEPTH = 16;
/** Largest request id: rids are uint32. */
export const MAX_RID = 0xffff_ffff;
/** Largest protocol error code in an ERROR message: codes are uint16. */
export const MAX_ERROR_CODE = 0xffff;
/** Largest BROADCAST depth: the number of bits in an id (a leaf of the id tree). */
export const MAX_BROADCAST_DEPTH = 256;
/**
 * Largest unsigned integer a field may hold as a plain number: msgpackr packs a larger one
 * as a float 64, which receivers reject, so such a field goes as a bigint (`outSafeUint`).
 */
export const MAX_UINT32 = 0xffff_ffff;
