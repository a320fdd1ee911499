import { ID_BYTES } from "@plexus/core";
import { inBytes, inPayload, inUint, originAuthExtensions, outBytes, outPayload, outUint, withOriginAuth, type MessageSpec } from "@plexus/wire";
import { MAX_MESSAGE_DATA_BYTES, MAX_PUBLISH_HOPS, MAX_PUBLISHED_SUBSCRIBERS, MESSAGE_ID_BYTES } from "./constants.js";
import { RealtimeMessageType } from "./message-type.js";
import type { PublishedMessage, PublishMessage } from "./messages.js";

/**
 * PUBLISH `[1, 0x0d, rid, sender, topic, id, origin, hops, data]` (signed by its origin,
 * extension key 7, section 10.7) and its reply PUBLISHED
 * `[1, 0x0e, rid, sender, subscribers]` (docs/protocol.md, section 12).
 */

/** PUBLISH: a publication to `topic`, sent to a rendezvous node. */
export const publishSpec: MessageSpec<PublishMessage> = {
  type: "PUBLISH",
  code: RealtimeMessageType.PUBLISH,
  kind: "request",
  fieldCount: 5,
  encodeFields: (m) => [
    outBytes(m.topic, ID_BYTES, "topic"),
    outBytes(m.id, MESSAGE_ID_BYTES, "id"),
    outBytes(m.origin, ID_BYTES, "origin"),
    outUint(m.hops, MAX_PUBLISH_HOPS, "hops"),
    outPayload(m.data, MAX_MESSAGE_DATA_BYTES, "data"),
  ],
  encodeExtensions: (m) => originAuthExtensions(m.auth),
  decodeFields(f, h, ext) {
    const topic = inBytes(f[0], ID_BYTES, "topic", h);
    const id = inBytes(f[1], MESSAGE_ID_BYTES, "id", h);
    const origin = inBytes(f[2], ID_BYTES, "origin", h);
    const hops = inUint(f[3], MAX_PUBLISH_HOPS, "hops", h);
    const data = inPayload(f[4], MAX_MESSAGE_DATA_BYTES, "data", h);
    return withOriginAuth({ type: "PUBLISH" as const, rid: h.rid, sender: h.sender, topic, id, origin, hops, data }, ext);
  },
};

/** PUBLISHED: how many subscribers the rendezvous holds for the topic. */
export const publishedSpec: MessageSpec<PublishedMessage> = {
  type: "PUBLISHED",
  code: RealtimeMessageType.PUBLISHED,
  kind: "response",
  fieldCount: 1,
  encodeFields: (m) => [outUint(m.subscribers, MAX_PUBLISHED_SUBSCRIBERS, "subscribers")],
  decodeFields: (f, h) => ({
    type: "PUBLISHED",
    rid: h.rid,
    sender: h.sender,
    subscribers: inUint(f[0], MAX_PUBLISHED_SUBSCRIBERS, "subscribers", h),
  }),
};
