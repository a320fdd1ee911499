/**
 * Default largest datagram, in bytes: 1280 (the IPv6 minimum MTU) minus 40 bytes of IPv6
 * header and 8 of UDP header, so a datagram never needs IP fragmentation on any path.
 */
export const DEFAULT_MAX_DATAGRAM_BYTES = 1232;
/** Largest payload a UDP/IPv4 datagram can carry, in bytes; the cap on `maxDatagramBytes`. */
export const UDP_MAX_PAYLOAD_BYTES = 65_507;
/**
 * Default socket receive buffer asked for, in bytes (4 MiB): room for bursts of lookup
 * replies. The kernel may cap it (Linux: `net.core.rmem_max`); best effort.
 */
export const DEFAULT_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
/** Default host: IPv4 loopback. */
export const DEFAULT_HOST = "127.0.0.1";
