/**
 * Default largest datagram, in bytes: 1280 (the IPv6 minimum MTU) minus 40 bytes of IPv6
 * header and 8 of UDP header, so a datagram never needs IP fragmentation on any path.
 */
export const DEFAULT_MAX_DATAGRAM_BYTES = 1232;
/** Largest payload a UDP/IPv4 datagram can carry, in bytes; the cap on `maxDatagramBytes`. */
export const UDP_MAX_PAYLOAD_BYTES = 65_507;
/** First port handed out when a transport asks for port 0 (the IANA dynamic range). */
export const EPHEMERAL_PORT_FIRST = 49_152;
/** Number of ports in the dynamic range 49152..65535. */
export const EPHEMERAL_PORT_COUNT = 16_384;
/** Transports with auto-assigned hosts get 127.a.b.c; at most this many (127.0.0.1 ..). */
export const AUTO_HOST_LIMIT = 0xff_ff_ff;
/**
 * Datagrams up to this size get a copy of their own, in bytes: V8 keeps typed arrays of
 * at most 64 bytes on its heap, where one costs no more than any small object.
 */
export const HEAP_COPY_MAX_BYTES = 64;
/** Size of a slab that larger datagrams are copied into (one view per datagram), in bytes. */
export const COPY_SLAB_BYTES = 16 * 1024;
/** Datagrams above this size get an off-heap copy of their own instead of slab space, in bytes. */
export const SLAB_COPY_MAX_BYTES = COPY_SLAB_BYTES / 4;
