import { bytesToIp, ipToBytes } from "@plexus/core";
import type { Address } from "@plexus/core";
import type { ExtensionMap, MessageSpec } from "../codec/message-spec.js";
import { WireEncodeError } from "../errors.js";
import { isBin } from "../fields/extension-fields.js";
import { isUint } from "../fields/incoming-fields.js";
import { outUint } from "../fields/outgoing-fields.js";
import { ExtensionKey, outToken, readToken } from "./extensions.js";
import { outNonce, outProof, readNonce, readProof } from "./id-proof-field.js";
import { KademliaMessageType } from "./message-type.js";
import type { PingMessage, PongMessage } from "./messages.js";
import { NO_FIELDS } from "./no-fields.js";
import { outDialFields, outRequestFlags, readDialFields, readRequestFlags } from "./reachability-fields.js";

/**
 * PING `[1, 0x01, rid, sender]` and PONG `[1, 0x02, rid, sender]` (docs/protocol.md,
 * section 4), with the id-proof extensions of section 10.2: a PING may carry a nonce (key 1), and the
 * PONG answering it the proof (key 2).
 */

function refuse(field: string, rule: string): never {
  throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field} ${rule}`);
}

/** PING: liveness probe; also keeps NAT mappings open. */
export const pingSpec: MessageSpec<PingMessage> = {
  type: "PING",
  code: KademliaMessageType.PING,
  kind: "request",
  fieldCount: 0,
  encodeFields: () => NO_FIELDS,
  encodeExtensions(m) {
    if (m.nonce === undefined && m.token === undefined && m.pad === undefined && m.client === undefined
      && m.dialBack === undefined && m.dialTo === undefined && m.dialNonce === undefined && m.alt === undefined) return undefined;
    const ext = new Map<number, unknown>();
    if (m.nonce !== undefined) outNonce(ext, m.nonce);
    if (m.token !== undefined) ext.set(ExtensionKey.TOKEN, outToken(m.token));
    if (m.pad !== undefined) {
      if (!isBin(m.pad, 0, 255)) refuse("pad", "must be at most 255 bytes");
      ext.set(ExtensionKey.PAD, m.pad);
    }
    outRequestFlags(ext, m);
    outDialFields(ext, m);
    return ext;
  },
  decodeFields(_fields, h, ext) {
    const nonce = readNonce(ext);
    const token = readToken(ext);
    const m: PingMessage = { type: "PING", rid: h.rid, sender: h.sender };
    if (ext === undefined) return m;
    return { ...m, ...(nonce === undefined ? {} : { nonce }), ...(token === undefined ? {} : { token }), ...readRequestFlags(ext), ...readDialFields(ext) };
  },
};

/** `[ip, port]` under key 9 as an address, or `undefined` when absent or ill-typed. */
function readObserved(ext: ExtensionMap): Address | undefined {
  const observed = ext.get(ExtensionKey.OBSERVED);
  if (!Array.isArray(observed) || observed.length !== 2) return undefined;
  const [ip, port] = observed as unknown[];
  if (!(isBin(ip, 4) || isBin(ip, 16)) || !isUint(port, 0xffff)) return undefined;
  return { host: bytesToIp(ip), port };
}

/** The address as `[ip, port]` for key 9. */
function outObserved(observed: Address): [Uint8Array, number] {
  let ip: Uint8Array;
  try {
    ip = ipToBytes(observed.host);
  } catch {
    return refuse("observed.host", "must be an IP literal");
  }
  return [ip, outUint(observed.port, 0xffff, "observed.port")];
}

/** PONG: the reply to PING. */
export const pongSpec: MessageSpec<PongMessage> = {
  type: "PONG",
  code: KademliaMessageType.PONG,
  kind: "response",
  fieldCount: 0,
  encodeFields: () => NO_FIELDS,
  encodeExtensions(m) {
    if (m.proof === undefined && m.observed === undefined && m.client === undefined && m.dialBack === undefined) return undefined;
    const ext = new Map<number, unknown>();
    if (m.proof !== undefined) outProof(ext, m.proof);
    if (m.observed !== undefined) ext.set(ExtensionKey.OBSERVED, outObserved(m.observed));
    if (m.client !== undefined) {
      if (m.client !== true) refuse("client", "must be true or absent");
      ext.set(ExtensionKey.CLIENT, true);
    }
    if (m.dialBack !== undefined) {
      if (m.dialBack !== true) refuse("dialBack", "must be true or absent");
      ext.set(ExtensionKey.DIAL_BACK, true);
    }
    return ext;
  },
  decodeFields(_fields, h, ext) {
    const m: PongMessage = { type: "PONG", rid: h.rid, sender: h.sender };
    if (ext === undefined) return m;
    const proof = readProof(ext);
    const observed = readObserved(ext);
    const client = ext.get(ExtensionKey.CLIENT) === true;
    const dialBack = ext.get(ExtensionKey.DIAL_BACK) === true;
    return { ...m, ...(proof ? { proof } : {}), ...(observed ? { observed } : {}), ...(client ? { client: true as const } : {}),
      ...(dialBack ? { dialBack: true as const } : {}) };
  },
};
