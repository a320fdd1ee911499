import { ID_BYTES } from "@plexus/core";
import { inBytes, inPayload, originAuthExtensions, outBytes, outPayload, withOriginAuth, type ExtensionMap, type MessageSpec, type WireHeader } from "@plexus/wire";
import { MAX_MESSAGE_DATA_BYTES, MESSAGE_ID_BYTES } from "./constants.js";
import { RealtimeMessageType } from "./message-type.js";
import type { DirectMessage, RequestDataMessage } from "./messages.js";

/**
 * DIRECT `[1, 0x11, rid, sender, id, origin, data]` and REQUEST
 * `[1, 0x13, rid, sender, id, origin, data]` (docs/protocol.md, section 12): a one-way
 * message to one node (answered with ACK) and a request to its application (answered
 * with REPLY or ERROR). Same fields, same rules, both signed by their origin (extension
 * key 7, section 10.7).
 */

/** The fields DIRECT and REQUEST share, validated, in wire order. */
function outAddressed(m: DirectMessage | RequestDataMessage): unknown[] {
  return [outBytes(m.id, MESSAGE_ID_BYTES, "id"), outBytes(m.origin, ID_BYTES, "origin"), outPayload(m.data, MAX_MESSAGE_DATA_BYTES, "data")];
}

/** The fields DIRECT and REQUEST share, copied out of the datagram. */
function inAddressed(f: readonly unknown[], h: WireHeader, ext: ExtensionMap | undefined): Pick<DirectMessage, "id" | "origin" | "data" | "auth"> {
  const id = inBytes(f[0], MESSAGE_ID_BYTES, "id", h);
  const origin = inBytes(f[1], ID_BYTES, "origin", h);
  return withOriginAuth({ id, origin, data: inPayload(f[2], MAX_MESSAGE_DATA_BYTES, "data", h) }, ext);
}

/** DIRECT: a one-way message to one node. */
export const directSpec: MessageSpec<DirectMessage> = {
  type: "DIRECT",
  code: RealtimeMessageType.DIRECT,
  kind: "request",
  fieldCount: 3,
  encodeFields: outAddressed,
  encodeExtensions: (m) => originAuthExtensions(m.auth),
  decodeFields: (f, h, ext) => ({ type: "DIRECT", rid: h.rid, sender: h.sender, ...inAddressed(f, h, ext) }),
};

/** REQUEST: a request to one node's application. */
export const requestSpec: MessageSpec<RequestDataMessage> = {
  type: "REQUEST",
  code: RealtimeMessageType.REQUEST,
  kind: "request",
  fieldCount: 3,
  encodeFields: outAddressed,
  encodeExtensions: (m) => originAuthExtensions(m.auth),
  decodeFields: (f, h, ext) => ({ type: "REQUEST", rid: h.rid, sender: h.sender, ...inAddressed(f, h, ext) }),
};
