/**
 * @plexus/transport-udp: the `Transport` contract of `@plexus/core` over `node:dgram`,
 * IPv4 and IPv6, with drop counters and best-effort socket buffer sizes.
 * @packageDocumentation
 */
export { createUdpTransport } from "./udp-transport.js";
export type { UdpTransport, UdpTransportOptions, UdpTransportStats } from "./udp-transport.js";
export type { SocketType } from "./address.js";
export { normalizeHost } from "./address.js";
export { DEFAULT_MAX_DATAGRAM_BYTES, DEFAULT_RECEIVE_BUFFER_BYTES } from "./constants.js";
