/**
 * Realtime messages: topics (publish/subscribe through rendezvous nodes) and direct
 * messages (docs/protocol.md, section 12), as message specs on wire's public API only. This
XX
 */
export * from "./constants.js";
export * from "./message-type.js";
export type * from "./messages.js";
export type * from "./relay-types.js";
export { realtimeMessages } from "./realtime-messages.js";
