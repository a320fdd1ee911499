import type { MessageSpec } from "../codec/message-spec.js";
import { MAX_CONTACTS } from "../constants.js";
import { inContacts, outContacts } from "../fields/contact-fields.js";
import { readToken, tokenExtensions } from "./extensions.js";
import { outProof, readProof } from "./id-proof-field.js";
import { KademliaMessageType } from "./message-type.js";
import type { NodesMessage } from "./messages.js";

/**
 * NODES `[1, 0x04, rid, sender, contacts]` (docs/protocol.md, section 4): up to k contacts,
 * the reply to FIND_NODE and to a FIND_VALUE whose value the receiver does not hold. May
 * carry a store token for the requester (extension key 3, section 10.3) and, answering a
 * FIND_NODE's nonce, the replier's id proof (key 2, section 10.2).
 */
export const nodesSpec: MessageSpec<NodesMessage> = {
  type: "NODES",
  code: KademliaMessageType.NODES,
  kind: "response",
  fieldCount: 1,
  encodeFields: (m) => [outContacts(m.contacts, MAX_CONTACTS, "contacts")],
  encodeExtensions(m) {
    const ext = tokenExtensions(m.token);
    if (m.proof === undefined) return ext;
    const out = new Map(ext);
    outProof(out, m.proof);
    return out;
  },
  decodeFields(f, h, ext) {
    const m: NodesMessage = { type: "NODES", rid: h.rid, sender: h.sender, contacts: inContacts(f[0], MAX_CONTACTS, "contacts", h) };
    const token = readToken(ext);
    const proof = readProof(ext);
    return token === undefined && proof === undefined ? m : { ...m, ...(token === undefined ? {} : { token }), ...(proof === undefined ? {} : { proof }) };
  },
};
