import type { ExtensionMap, MessageSpec } from "../codec/message-spec.js";
import { WireEncodeError } from "../errors.js";
import { isSafeUint } from "../fields/extension-fields.js";
import { outSafeUint } from "../fields/outgoing-fields.js";
import { ExtensionKey, outToken, readToken, RecordKind } from "./extensions.js";
import { KademliaMessageType } from "./message-type.js";
import type { StoredMessage, StoreMessage } from "./messages.js";
import { NO_FIELDS } from "./no-fields.js";
import { inRecordFields, outRecordFields } from "./record-fields.js";

/**
 * STORE `[1, 0x07, rid, sender, key, value, ttl_ms, publisher]` and its reply STORED
 * `[1, 0x08, rid, sender]` (docs/protocol.md, section 4; Kademlia paper section 2.3).
 * STORE's extensions (section 10.1): the store token (key 3), the record kind (key 4) and
 * compare-and-swap (key 5), in that order on the wire.
 */

function refuse(field: string, rule: string): never {
  throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field} ${rule}`);
}

function storeExtensions(m: StoreMessage): Map<number, unknown> | undefined {
  let ext: Map<number, unknown> | undefined;
  if (m.token !== undefined) (ext ??= new Map()).set(ExtensionKey.TOKEN, outToken(m.token));
  if (m.kind !== undefined) {
    if (m.kind !== 0 && m.kind !== 1 && m.kind !== 2) refuse("kind", "must be 0, 1 or 2");
    (ext ??= new Map()).set(ExtensionKey.RECORD_KIND, m.kind);
  }
  if (m.cas !== undefined) {
    if (!isSafeUint(m.cas)) refuse("cas", "must be a non-negative safe integer");
    (ext ??= new Map()).set(ExtensionKey.CAS, outSafeUint(m.cas, "cas"));
  }
  return ext;
}

/** The optional STORE fields its extension map carries; ill-typed values are ignored (section 8). */
function readStoreExtensions(ext: ExtensionMap | undefined): Pick<StoreMessage, "token" | "kind" | "cas"> {
  if (ext === undefined) return {};
  const token = readToken(ext);
  const kind = ext.get(ExtensionKey.RECORD_KIND);
  const cas = ext.get(ExtensionKey.CAS);
  return {
    ...(token === undefined ? {} : { token }),
    ...(kind === RecordKind.PLAIN || kind === RecordKind.IMMUTABLE || kind === RecordKind.MUTABLE ? { kind } : {}),
    ...(isSafeUint(cas) ? { cas } : {}),
  };
}

/** STORE: asks the receiver to hold a record for `ttlMs`; answered with STORED or ERROR. */
export const storeSpec: MessageSpec<StoreMessage> = {
  type: "STORE",
  code: KademliaMessageType.STORE,
  kind: "request",
  fieldCount: 4,
  encodeFields: outRecordFields,
  encodeExtensions: storeExtensions,
  decodeFields: (f, h, ext) => ({ type: "STORE", rid: h.rid, sender: h.sender, ...inRecordFields(f, h), ...readStoreExtensions(ext) }),
};

/** STORED: the record is held. */
export const storedSpec: MessageSpec<StoredMessage> = {
  type: "STORED",
  code: KademliaMessageType.STORED,
  kind: "response",
  fieldCount: 0,
  encodeFields: () => NO_FIELDS,
  decodeFields: (_f, h) => ({ type: "STORED", rid: h.rid, sender: h.sender }),
};
