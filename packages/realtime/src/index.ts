/**
 * @plexus/realtime: topics (publish/subscribe through rendezvous nodes), direct messages
 * and request/reply, as a protocol layer on a `@plexus/node` engine. It registers its own
 * message types and handlers through the engine's registry; the engine keeps Kademlia,
 * records and broadcast.
 * @packageDocumentation
 */
export { createRealtime } from "./realtime.js";
export type { Realtime, RealtimeEvents } from "./realtime.js";
export { topicKey, TOPIC_KEY_PREFIX } from "./topic-key.js";
export { UnreachableError } from "./errors.js";
export type { RealtimeErrorCode } from "./errors.js";
export type { RealtimeInit } from "./config.js";
export type { RealtimeStats } from "./stats.js";
export type * from "./types.js";
export * as realtimeDefaults from "./constants.js";
export * from "./messages/index.js";
