import { ID_BYTES } from "@plexus/core";
import type { MessageSpec } from "../codec/message-spec.js";
import { inBytes } from "../fields/incoming-fields.js";
import { outBytes } from "../fields/outgoing-fields.js";
import { readToken, tokenExtensions } from "./extensions.js";
import { KademliaMessageType } from "./message-type.js";
import { outRequestFlags, readRequestFlags } from "./reachability-fields.js";
import type { FindValueMessage, ValueMessage } from "./messages.js";
import { inRecordFields, outRecordFields } from "./record-fields.js";

/**
 * FIND_VALUE `[1, 0x05, rid, sender, key]` and its reply VALUE
 * `[1, 0x06, rid, sender, key, value, ttl_ms, publisher]` (docs/protocol.md, section 4;
 * Kademlia paper section 2.3). A receiver without the value answers NODES instead. VALUE
 * may carry a store token (extension key 3, section 10.3).
 */

/** FIND_VALUE: the value under `key`, or else the closest contacts. */
export const findValueSpec: MessageSpec<FindValueMessage> = {
  type: "FIND_VALUE",
  code: KademliaMessageType.FIND_VALUE,
  kind: "request",
  fieldCount: 1,
  encodeFields: (m) => [outBytes(m.key, ID_BYTES, "key")],
  encodeExtensions(m) {
    if (m.client === undefined && m.alt === undefined) return tokenExtensions(m.token);
    const ext = tokenExtensions(m.token) ?? new Map<number, unknown>();
    outRequestFlags(ext, m);
    return ext;
  },
  decodeFields(f, h, ext) {
    const m: FindValueMessage = { type: "FIND_VALUE", rid: h.rid, sender: h.sender, key: inBytes(f[0], ID_BYTES, "key", h) };
    const token = readToken(ext);
    return { ...m, ...(token === undefined ? {} : { token }), ...readRequestFlags(ext) };
  },
};

/** VALUE: the record the receiver holds. */
export const valueSpec: MessageSpec<ValueMessage> = {
  type: "VALUE",
  code: KademliaMessageType.VALUE,
  kind: "response",
  fieldCount: 4,
  encodeFields: outRecordFields,
  encodeExtensions: (m) => tokenExtensions(m.token),
  decodeFields(f, h, ext) {
    const m: ValueMessage = { type: "VALUE", rid: h.rid, sender: h.sender, ...inRecordFields(f, h) };
    const token = readToken(ext);
    return token === undefined ? m : { ...m, token };
  },
};
