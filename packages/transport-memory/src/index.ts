/**
 * @plexus/transport-memory: a simulated datagram network on an injected Clock and
 * Random (latency, loss, partitions), implementing the `Transport` contract of
 * `@plexus/core` for deterministic simulations and tests.
 * @packageDocumentation
 */
export { createMemoryNetwork } from "./memory-network.js";
export type { MemoryNetwork, MemoryNetworkOptions, MemoryNetworkStats } from "./memory-network.js";
export type { MemoryTransport, MemoryTransportStats } from "./memory-transport.js";
export type { LatencyModel } from "./latency.js";
export { DEFAULT_MAX_DATAGRAM_BYTES } from "./constants.js";
export { dualStackTransport } from "./dual-stack.js";
export type { TransportFactory } from "./dual-stack.js";
