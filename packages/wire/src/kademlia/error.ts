import type { MessageSpec } from "../codec/message-spec.js";
import { MAX_ERROR_CODE, MAX_ERROR_MESSAGE_BYTES } from "../constants.js";
import { inText, inUint } from "../fields/incoming-fields.js";
import { outText, outUint } from "../fields/outgoing-fields.js";
import { readToken, tokenExtensions } from "./extensions.js";
import { KademliaMessageType } from "./message-type.js";
import type { ErrorMessage } from "./messages.js";

/**
 * ERROR `[1, 0x7f, rid, sender, code, message]` (docs/protocol.md, sections 4 and 5): any
 * request may be answered with it; `code` is a `ProtocolErrorCode`, `message` text for
 * humans of at most MAX_ERROR_MESSAGE_BYTES bytes of UTF-8.
 */
export const errorSpec: MessageSpec<ErrorMessage> = {
  type: "ERROR",
  code: KademliaMessageType.ERROR,
  kind: "response",
  fieldCount: 2,
  encodeFields: (m) => [outUint(m.code, MAX_ERROR_CODE, "code"), outText(m.message, MAX_ERROR_MESSAGE_BYTES, "message")],
  encodeExtensions: (m) => tokenExtensions(m.token),
  decodeFields(f, h, ext) {
    const m: ErrorMessage = {
      type: "ERROR",
      rid: h.rid,
      sender: h.sender,
      code: inUint(f[0], MAX_ERROR_CODE, "code", h),
      message: inText(f[1], MAX_ERROR_MESSAGE_BYTES, "message", h),
    };
    const token = readToken(ext);
    return token === undefined ? m : { ...m, token };
  },
};
