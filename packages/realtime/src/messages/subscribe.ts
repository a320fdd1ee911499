import { ID_BYTES } from "@plexus/core";
import { inBytes, inIdList, inUint, outBytes, outIdList, outUint, type MessageSpec } from "@plexus/wire";
import { MAX_SUBSCRIBE_RENDEZVOUS, MAX_SUBSCRIBE_TTL_MS } from "./constants.js";
import { RealtimeMessageType } from "./message-type.js";
import type { SubscribedMessage, SubscribeMessage } from "./messages.js";

/**
 * SUBSCRIBE `[1, 0x0b, rid, sender, topic, ttl_ms, rendezvous]` and its reply SUBSCRIBED
 * `[1, 0x0c, rid, sender, ttl_ms]` (docs/protocol.md, section 12).
 */

/** SUBSCRIBE: registers, renews or (ttl 0) removes the sender as a subscriber of `topic`. */
export const subscribeSpec: MessageSpec<SubscribeMessage> = {
  type: "SUBSCRIBE",
  code: RealtimeMessageType.SUBSCRIBE,
  kind: "request",
  fieldCount: 3,
  encodeFields: (m) => [
    outBytes(m.topic, ID_BYTES, "topic"),
    outUint(m.ttlMs, MAX_SUBSCRIBE_TTL_MS, "ttlMs"),
    outIdList(m.rendezvous, MAX_SUBSCRIBE_RENDEZVOUS, "rendezvous"),
  ],
  decodeFields(f, h) {
    const topic = inBytes(f[0], ID_BYTES, "topic", h);
    const ttlMs = inUint(f[1], MAX_SUBSCRIBE_TTL_MS, "ttlMs", h);
    return { type: "SUBSCRIBE", rid: h.rid, sender: h.sender, topic, ttlMs, rendezvous: inIdList(f[2], MAX_SUBSCRIBE_RENDEZVOUS, "rendezvous", h) };
  },
};

/** SUBSCRIBED: the lifetime the rendezvous granted. */
export const subscribedSpec: MessageSpec<SubscribedMessage> = {
  type: "SUBSCRIBED",
  code: RealtimeMessageType.SUBSCRIBED,
  kind: "response",
  fieldCount: 1,
  encodeFields: (m) => [outUint(m.ttlMs, MAX_SUBSCRIBE_TTL_MS, "ttlMs")],
  decodeFields: (f, h) => ({ type: "SUBSCRIBED", rid: h.rid, sender: h.sender, ttlMs: inUint(f[0], MAX_SUBSCRIBE_TTL_MS, "ttlMs", h) }),
};
