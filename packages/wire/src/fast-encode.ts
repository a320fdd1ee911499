import * as core from "@plexus/core";
import type { Contact } from "@plexus/core";
import * as constants from "./constants.js";
import * as extensions from "./extensions.js";
import * as ipCache from "./ip-cache.js";
import * as messages from "./messages.js";
import type {
  BroadcastMessage, ErrorMessage, FindNodeMessage, Message, NodesMessage, PingMessage, PongMessage, StoreMessage, ValueMessage,
} from "./messages.js";
import { MsgpackWriter } from "./msgpack-writer.js";
import * as utf8 from "./utf8-length.js";

// Imported bindings, read once: when the sources run through tsx (the tests, the
// simulator) every use of an imported binding is a getter call, a visible share of a profile.
const { ID_BYTES } = core;
const {
  BROADCAST_ID_BYTES, MAX_BROADCAST_DATA_BYTES, MAX_BROADCAST_DEPTH, MAX_CONTACTS, MAX_DATAGRAM_BYTES, MAX_ERROR_CODE,
  MAX_ERROR_MESSAGE_BYTES, MAX_RID, MAX_VALUE_BYTES, PROTOCOL_VERSION,
} = constants;
const {
  ExtensionKey, isBin, isSafeUint, MAX_TOKEN_BYTES, MIN_TOKEN_BYTES, NONCE_BYTES, PUBLIC_KEY_BYTES, SIGNATURE_BYTES,
} = extensions;
const { ipv4Word, tryCachedIpBytes } = ipCache;
const { MessageType } = messages;
const { LONE_SURROGATE, utf8ByteLength } = utf8;

/**
 * The encoder's fast path: writes the envelope `[version, typeCode, rid, sender, ...fields,
 * ext?]` of the v1 core types (not the realtime ones) straight into a scratch buffer, with
 * the validation of `encode.ts`. It returns `undefined` for anything it does not write or
 * that fails a check; `encode` then runs the msgpackr path, which writes it or throws the
 * proper `WireEncodeError`. So the error codes and messages are those of that path by
 * construction, and the bytes equal what msgpackr packs (test/fast-encode.test.ts).
 */

const writer = new MsgpackWriter();

/** A fixed-size byte field: the same check as `encode.ts` `bytes()`. */
const isBytes = (v: unknown, length: number): v is Uint8Array => v instanceof Uint8Array && v.length === length;
/** A bounded payload: `encode.ts` `payload()` accepts exactly these. */
const isPayload = (v: unknown, max: number): v is Uint8Array => v instanceof Uint8Array && v.length <= max;
/** An integer in 0..max: `encode.ts` `uint()`. */
const isUint = (v: unknown, max: number): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;

/**
 * The datagram for `m`, byte-identical to the msgpackr path, or `undefined` when `m` is a
 * type this path does not write or fails any check (the caller then takes the slow path).
 * Never throws. With `shared`, the result is a view of the writer's scratch buffer, valid
 * until the next call.
 */
export function fastEncode(m: Message, shared = false): Uint8Array | undefined {
  if (typeof m !== "object" || m === null || !isUint(m.rid, MAX_RID) || !isBytes(m.sender, ID_BYTES)) return undefined;
  const w = writer;
  w.reset();
  let ok: boolean;
  switch (m.type) {
    case "PING":
      ok = writePing(w, m);
      break;
    case "PONG":
      ok = writePong(w, m);
      break;
    case "STORED":
    case "ACK":
      ok = header(w, m, MessageType[m.type], 0, false);
      break;
    case "FIND_NODE":
      ok = writeFindNode(w, m);
      break;
    case "FIND_VALUE":
      ok = isBytes(m.key, ID_BYTES);
      if (ok) {
        header(w, m, MessageType.FIND_VALUE, 1, false);
        w.id32(m.key);
      }
      break;
    case "NODES":
      ok = writeNodes(w, m);
      break;
    case "VALUE":
    case "STORE":
      ok = writeRecord(w, m);
      break;
    case "BROADCAST":
      ok = writeBroadcast(w, m);
      break;
    case "ERROR":
      ok = writeError(w, m);
      break;
    default:
      return undefined;
  }
  if (!ok || w.length > MAX_DATAGRAM_BYTES) return undefined;
  return shared ? w.view() : w.finish();
}

/**
 * Writes the array header and elements 0..3: `fields` type-specific fields follow, then an
 * extension map when `ext`. `m.rid` and `m.sender` were checked.
 */
function header(w: MsgpackWriter, m: Message, code: number, fields: number, ext: boolean): true {
  // Returns true so that the types without fields can write `ok = header(...)`.
  w.arrayHeader(4 + fields + (ext ? 1 : 0));
  w.uint(PROTOCOL_VERSION);
  w.uint(code);
  w.uint(m.rid);
  w.id32(m.sender);
  return true;
}

function writePing(w: MsgpackWriter, m: PingMessage): boolean {
  const { nonce } = m;
  if (nonce !== undefined && !isBin(nonce, NONCE_BYTES)) return false;
  header(w, m, MessageType.PING, 0, nonce !== undefined);
  if (nonce !== undefined) {
    w.mapHeader(1);
    w.uint(ExtensionKey.NONCE);
    w.bin(nonce);
  }
  return true;
}

function writePong(w: MsgpackWriter, m: PongMessage): boolean {
  const { proof } = m;
  if (proof === undefined) return header(w, m, MessageType.PONG, 0, false);
  if (typeof proof !== "object" || proof === null) return false;
  const { publicKey, signature } = proof;
  if (!isBin(publicKey, PUBLIC_KEY_BYTES) || !isBin(signature, SIGNATURE_BYTES)) return false;
  header(w, m, MessageType.PONG, 0, true);
  w.mapHeader(1);
  w.uint(ExtensionKey.ID_PROOF);
  w.arrayHeader(2);
  w.bin(publicKey);
  w.bin(signature);
  return true;
}

function writeFindNode(w: MsgpackWriter, m: FindNodeMessage): boolean {
  const { target, wantToken } = m;
  if (!isBytes(target, ID_BYTES) || (wantToken !== undefined && wantToken !== true)) return false;
  header(w, m, MessageType.FIND_NODE, 1, wantToken === true);
  w.id32(target);
  if (wantToken === true) {
    w.mapHeader(1);
    w.uint(ExtensionKey.WANT_TOKEN);
    w.bool(true);
  }
  return true;
}

const isToken = (v: unknown): v is Uint8Array | undefined => v === undefined || isBin(v, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES);

/** Writes the token extension map (key 3) when there is a token. */
function tokenMap(w: MsgpackWriter, token: Uint8Array | undefined): void {
  if (token === undefined) return;
  w.mapHeader(1);
  w.uint(ExtensionKey.TOKEN);
  w.bin(token);
}

function writeNodes(w: MsgpackWriter, m: NodesMessage): boolean {
  const { contacts, token } = m;
  if (!Array.isArray(contacts) || contacts.length > MAX_CONTACTS || !isToken(token)) return false;
  header(w, m, MessageType.NODES, 1, token !== undefined);
  const n = contacts.length;
  w.arrayHeader(n);
  for (let i = 0; i < n; i++) {
    // The checks of `encode.ts` `contact()`.
    const c = contacts[i] as Contact | null | undefined;
    if (typeof c !== "object" || c === null) return false;
    const { id, host, port } = c;
    if (typeof host !== "string" || !isBytes(id, ID_BYTES) || !isUint(port, 0xffff)) return false;
    w.arrayHeader(3);
    w.id32(id);
    const v4 = ipv4Word(host);
    if (v4 !== -1) {
      w.ipv4(v4);
    } else {
      const ip = tryCachedIpBytes(host);
      if (ip === undefined) return false;
      w.bin(ip);
    }
    w.uint(port);
  }
  tokenMap(w, token);
  return true;
}

function writeRecord(w: MsgpackWriter, m: StoreMessage | ValueMessage): boolean {
  const { key, value, ttlMs, publisher, token } = m;
  if (!isBytes(key, ID_BYTES) || !isPayload(value, MAX_VALUE_BYTES) || !isUint(ttlMs, Number.MAX_SAFE_INTEGER)) return false;
  if ((publisher !== undefined && !isBytes(publisher, ID_BYTES)) || !isToken(token)) return false;
  const kind = m.type === "STORE" ? m.kind : undefined;
  const cas = m.type === "STORE" ? m.cas : undefined;
  if (kind !== undefined && kind !== 0 && kind !== 1 && kind !== 2) return false;
  if (cas !== undefined && !isSafeUint(cas)) return false;
  const extCount = (token === undefined ? 0 : 1) + (kind === undefined ? 0 : 1) + (cas === undefined ? 0 : 1);
  header(w, m, MessageType[m.type], 4, extCount > 0);
  w.id32(key);
  w.bin(value);
  w.uint(ttlMs);
  if (publisher === undefined) w.nil();
  else w.id32(publisher);
  if (extCount === 0) return true;
  // The order of `writeExtensions`: token, kind, cas.
  w.mapHeader(extCount);
  if (token !== undefined) {
    w.uint(ExtensionKey.TOKEN);
    w.bin(token);
  }
  if (kind !== undefined) {
    w.uint(ExtensionKey.RECORD_KIND);
    w.uint(kind);
  }
  if (cas !== undefined) {
    w.uint(ExtensionKey.CAS);
    w.uint(cas);
  }
  return true;
}

function writeBroadcast(w: MsgpackWriter, m: BroadcastMessage): boolean {
  const { id, origin, depth, data } = m;
  if (!isBytes(id, BROADCAST_ID_BYTES) || !isBytes(origin, ID_BYTES) || !isUint(depth, MAX_BROADCAST_DEPTH)) return false;
  if (!isPayload(data, MAX_BROADCAST_DATA_BYTES)) return false;
  header(w, m, MessageType.BROADCAST, 4, false);
  w.bin(id);
  w.id32(origin);
  w.uint(depth);
  w.bin(data);
  return true;
}

function writeError(w: MsgpackWriter, m: ErrorMessage): boolean {
  const { code, message } = m;
  if (!isUint(code, MAX_ERROR_CODE) || typeof message !== "string" || LONE_SURROGATE.test(message)) return false;
  const length = utf8ByteLength(message);
  if (length > MAX_ERROR_MESSAGE_BYTES) return false;
  header(w, m, MessageType.ERROR, 2, false);
  w.uint(code);
  w.str(message, length);
  return true;
}
