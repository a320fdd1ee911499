import fc from "fast-check";
import { MAX_MESSAGE_DATA_BYTES, MAX_SUBSCRIBE_RENDEZVOUS, type RealtimeMessage } from "../src/index.js";

/** fast-check arbitraries for the realtime messages (topics, direct messages), within the limits. */

const id32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const id16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const header = { rid: fc.nat({ max: 0xffff_ffff }), sender: id32 };
const data = fc.uint8Array({ maxLength: MAX_MESSAGE_DATA_BYTES });
const ttlMs = fc.nat({ max: 0xffff_ffff });
/** An address as the wire carries it: IPv4 dotted quads (IPv6 text forms do not round-trip byte for byte). */
const address = fc.record({ host: fc.ipV4(), port: fc.nat({ max: 0xffff }) });

/** One arbitrary per realtime message type, by name. */
export const realtimeByType: Record<RealtimeMessage["type"], fc.Arbitrary<RealtimeMessage>> = {
  SUBSCRIBE: fc.record({
    type: fc.constant("SUBSCRIBE" as const), ...header, topic: id32, ttlMs,
    rendezvous: fc.array(id32, { maxLength: MAX_SUBSCRIBE_RENDEZVOUS }),
  }),
  SUBSCRIBED: fc.record({ type: fc.constant("SUBSCRIBED" as const), ...header, ttlMs }),
  PUBLISH: fc.record({
    type: fc.constant("PUBLISH" as const), ...header, topic: id32, id: id16, origin: id32, hops: fc.nat({ max: 255 }), data,
  }),
  PUBLISHED: fc.record({ type: fc.constant("PUBLISHED" as const), ...header, subscribers: fc.nat({ max: 0xffff_ffff }) }),
  DELIVER: fc.record({ type: fc.constant("DELIVER" as const), ...header, topic: id32, id: id16, origin: id32, data }),
  DIRECT: fc.record({ type: fc.constant("DIRECT" as const), ...header, id: id16, origin: id32, data }),
  REQUEST: fc.record({ type: fc.constant("REQUEST" as const), ...header, id: id16, origin: id32, data }),
  REPLY: fc.record({ type: fc.constant("REPLY" as const), ...header, data }),
  RESERVE: fc.record({ type: fc.constant("RESERVE" as const), ...header, id: id16, ttlMs, flags: fc.nat({ max: 255 }) }),
  RESERVED: fc.record({ type: fc.constant("RESERVED" as const), ...header, ttlMs }),
  CONNECT: fc.record({ type: fc.constant("CONNECT" as const), ...header, target: id32 }),
  CONNECTED: fc.record({ type: fc.constant("CONNECTED" as const), ...header, address, flags: fc.nat({ max: 255 }) }),
  PUNCH: fc.record({ type: fc.constant("PUNCH" as const), ...header, peer: id32, address }),
  RELAY: fc.record({
    type: fc.constant("RELAY" as const), ...header, target: id32, kind: fc.constantFrom(0x11, 0x13), id: id16, origin: id32, data,
  }),
};
