import { ID_BYTES } from "@plexus/core";
import type { MessageSpec } from "../codec/message-spec.js";
import { WireEncodeError } from "../errors.js";
import { inBytes } from "../fields/incoming-fields.js";
import { outBytes } from "../fields/outgoing-fields.js";
import { ExtensionKey, outToken, readToken } from "./extensions.js";
import { outNonce, readNonce } from "./id-proof-field.js";
import { KademliaMessageType } from "./message-type.js";
import { outRequestFlags, readRequestFlags } from "./reachability-fields.js";
import type { FindNodeMessage } from "./messages.js";

/**
 * FIND_NODE `[1, 0x03, rid, sender, target]` (docs/protocol.md, section 4; Kademlia paper
 * section 2.3): the contacts closest to `target` the receiver knows, answered with NODES.
 * Extension key 6 (`wantToken`, section 10.3) asks for a store token in that reply; key 1
 * (`nonce`, section 10.2) for the replier's id proof in it.
 */
export const findNodeSpec: MessageSpec<FindNodeMessage> = {
  type: "FIND_NODE",
  code: KademliaMessageType.FIND_NODE,
  kind: "request",
  fieldCount: 1,
  encodeFields: (m) => [outBytes(m.target, ID_BYTES, "target")],
  encodeExtensions(m) {
    if (m.wantToken === undefined && m.token === undefined && m.client === undefined && m.alt === undefined && m.nonce === undefined) return undefined;
    const ext = new Map<number, unknown>();
    if (m.nonce !== undefined) outNonce(ext, m.nonce);
    if (m.token !== undefined) ext.set(ExtensionKey.TOKEN, outToken(m.token));
    if (m.wantToken !== undefined) {
      if (m.wantToken !== true) throw new WireEncodeError("ERR_INVALID_ARGUMENT", "wantToken must be true when set");
      ext.set(ExtensionKey.WANT_TOKEN, true);
    }
    outRequestFlags(ext, m);
    return ext;
  },
  decodeFields(f, h, ext) {
    const m: FindNodeMessage = { type: "FIND_NODE", rid: h.rid, sender: h.sender, target: inBytes(f[0], ID_BYTES, "target", h) };
    const token = readToken(ext);
    const wantToken = ext?.get(ExtensionKey.WANT_TOKEN) === true;
    if (ext === undefined) return m;
    const nonce = readNonce(ext);
    return { ...m, ...(wantToken ? { wantToken: true } : {}), ...(token === undefined ? {} : { token }), ...readRequestFlags(ext),
      ...(nonce === undefined ? {} : { nonce }) };
  },
};
