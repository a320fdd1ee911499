/**
 * @plexus/node: the Kademlia protocol engine. RPC correlation, retries, lookups, routing
 * table maintenance, the storage protocol with republish, and broadcast. The transport,
 * store, clock and randomness are injected; `@plexus/node/testing` builds simulated networks.
 * @packageDocumentation
 */
export { createNode } from "./node.js";
export { systemClock } from "./system-clock.js";
export { cryptoRandom } from "./crypto-random.js";
export { sha256 } from "./hash.js";
export { RpcTimeoutError, RemoteError } from "./errors.js";
export * from "./constants.js";
export type * from "./types.js";
