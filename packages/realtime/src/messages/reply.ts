import { inPayload, outPayload, type MessageSpec } from "@plexus/wire";
import { MAX_MESSAGE_DATA_BYTES } from "./constants.js";
import { RealtimeMessageType } from "./message-type.js";
import type { ReplyMessage } from "./messages.js";

/**
 * REPLY `[1, 0x14, rid, sender, data]` (docs/protocol.md, section 12): what the receiver's
 * request handler returned, in answer to REQUEST.
 */
export const replySpec: MessageSpec<ReplyMessage> = {
  type: "REPLY",
  code: RealtimeMessageType.REPLY,
  kind: "response",
  fieldCount: 1,
  encodeFields: (m) => [outPayload(m.data, MAX_MESSAGE_DATA_BYTES, "data")],
  decodeFields: (f, h) => ({ type: "REPLY", rid: h.rid, sender: h.sender, data: inPayload(f[0], MAX_MESSAGE_DATA_BYTES, "data", h) }),
};
