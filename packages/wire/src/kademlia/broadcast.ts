import { ID_BYTES } from "@plexus/core";
import type { MessageSpec } from "../codec/message-spec.js";
import { BROADCAST_ID_BYTES, MAX_BROADCAST_DATA_BYTES, MAX_BROADCAST_DEPTH } from "../constants.js";
import { inBytes, inPayload, inUint } from "../fields/incoming-fields.js";
import { outBytes, outPayload, outUint } from "../fields/outgoing-fields.js";
import { KademliaMessageType } from "./message-type.js";
import type { AckMessage, BroadcastMessage } from "./messages.js";
import { NO_FIELDS } from "./no-fields.js";
import { originAuthExtensions, withOriginAuth } from "./origin-auth.js";

/**
 * BROADCAST `[1, 0x09, rid, sender, id, origin, depth, data]` (docs/protocol.md, section 4),
 * with the origin signature (key 7, section 10.7):
 * delivered once per `id`, forwarded to the buckets above `depth`; answered with ACK
 * `[1, 0x0a, rid, sender]`, the generic acknowledgement other one-way requests use too.
 */

/** BROADCAST: a network-wide broadcast over the k-buckets. */
export const broadcastSpec: MessageSpec<BroadcastMessage> = {
  type: "BROADCAST",
  code: KademliaMessageType.BROADCAST,
  kind: "request",
  fieldCount: 4,
  encodeFields: (m) => [
    outBytes(m.id, BROADCAST_ID_BYTES, "id"),
    outBytes(m.origin, ID_BYTES, "origin"),
    outUint(m.depth, MAX_BROADCAST_DEPTH, "depth"),
    outPayload(m.data, MAX_BROADCAST_DATA_BYTES, "data"),
  ],
  encodeExtensions: (m) => originAuthExtensions(m.auth),
  decodeFields(f, h, ext) {
    const id = inBytes(f[0], BROADCAST_ID_BYTES, "id", h);
    const origin = inBytes(f[1], ID_BYTES, "origin", h);
    const depth = inUint(f[2], MAX_BROADCAST_DEPTH, "depth", h);
    const data = inPayload(f[3], MAX_BROADCAST_DATA_BYTES, "data", h);
    return withOriginAuth({ type: "BROADCAST" as const, rid: h.rid, sender: h.sender, id, origin, depth, data }, ext);
  },
};

/** ACK: the generic acknowledgement (of BROADCAST, and of one-way requests of other layers). */
export const ackSpec: MessageSpec<AckMessage> = {
  type: "ACK",
  code: KademliaMessageType.ACK,
  kind: "response",
  fieldCount: 0,
  encodeFields: () => NO_FIELDS,
  decodeFields: (_f, h) => ({ type: "ACK", rid: h.rid, sender: h.sender }),
};
