import { ID_BYTES } from "@plexus/core";
import { inBytes, inPayload, originAuthExtensions, outBytes, outPayload, withOriginAuth, type MessageSpec } from "@plexus/wire";
import { MAX_MESSAGE_DATA_BYTES, MESSAGE_ID_BYTES } from "./constants.js";
import { RealtimeMessageType } from "./message-type.js";
import type { DeliverMessage } from "./messages.js";

/**
 * DELIVER `[1, 0x0f, rid, sender, topic, id, origin, data]` (docs/protocol.md, section 12):
 * a publication a rendezvous node hands to one subscriber, answered with ACK; it carries
 * the publisher's signature (extension key 7, section 10.7) unchanged.
 */
export const deliverSpec: MessageSpec<DeliverMessage> = {
  type: "DELIVER",
  code: RealtimeMessageType.DELIVER,
  kind: "request",
  fieldCount: 4,
  encodeFields: (m) => [
    outBytes(m.topic, ID_BYTES, "topic"),
    outBytes(m.id, MESSAGE_ID_BYTES, "id"),
    outBytes(m.origin, ID_BYTES, "origin"),
    outPayload(m.data, MAX_MESSAGE_DATA_BYTES, "data"),
  ],
  encodeExtensions: (m) => originAuthExtensions(m.auth),
  decodeFields(f, h, ext) {
    const topic = inBytes(f[0], ID_BYTES, "topic", h);
    const id = inBytes(f[1], MESSAGE_ID_BYTES, "id", h);
    const origin = inBytes(f[2], ID_BYTES, "origin", h);
    const data = inPayload(f[3], MAX_MESSAGE_DATA_BYTES, "data", h);
    return withOriginAuth({ type: "DELIVER" as const, rid: h.rid, sender: h.sender, topic, id, origin, data }, ext);
  },
};
