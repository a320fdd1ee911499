import * as core from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import * as constants from "./constants.js";
import * as extensions from "./extensions.js";
import * as idCache from "./id-cache.js";
import * as ipCache from "./ip-cache.js";
import * as messages from "./messages.js";
import type { Message, StoreMessage, ValueMessage } from "./messages.js";

// Imported bindings, read once: when the sources run through tsx (the tests, the
// simulator) every use of an imported binding is a getter call, a visible share of a profile.
const { ID_BYTES } = core;
const {
  BROADCAST_ID_BYTES, MAX_BROADCAST_DATA_BYTES, MAX_BROADCAST_DEPTH, MAX_CONTACTS, MAX_RID, MAX_VALUE_BYTES,
  PROTOCOL_VERSION,
} = constants;
const { ExtensionKey, MAX_TOKEN_BYTES, MIN_TOKEN_BYTES, NONCE_BYTES, PUBLIC_KEY_BYTES, SIGNATURE_BYTES } = extensions;
const { cachedIpv4At, cachedIpv6At } = ipCache;
const { sharedContactAt, sharedIdAt } = idCache;
const { MessageType } = messages;

/**
 * The decoder's fast path: one pass over the bytes for the v1 core types PING to ACK, in
 * the form `encode` writes them (fixarray envelope, shortest uints, bin 8 ids, registered
 * extensions only). It accepts a subset of what the full path (pre-scan, msgpackr,
 * `validate.ts`) accepts and builds the same message; on anything else (another type, a
 * non-canonical or unexpected item, an unknown, duplicate or ill-typed extension, a bad
 * field, trailing bytes) it returns `undefined` and `decode` takes the full path, which
 * produces the message or the proper error (test/fast-decode.test.ts checks both).
 */

// Reader state: decoding is synchronous and never re-entered. `b` is reset after each call
// so the last datagram is not kept alive.
const EMPTY = new Uint8Array(0);
let b: Uint8Array = EMPTY;
let pos = 0;
let end = 0;

/** Returned by the number readers when the item is not one this path accepts. */
const FAIL = -1;
const TWO_POW_32 = 0x1_0000_0000;
/** Smallest datagram this path can accept: `94 01 tt rid c4 20` and 32 sender bytes. */
const MIN_BYTES = 38;

function u32(at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** A uint item (fixint, 0xcc..0xcf, or a non-negative 0xd3) of at most `max`, else FAIL. */
function uint(max: number): number {
  if (pos >= end) return FAIL;
  const t = b[pos]!;
  let n: number;
  if (t < 0x80) {
    n = t;
    pos += 1;
  } else if (t === 0xcc && pos + 2 <= end) {
    n = b[pos + 1]!;
    pos += 2;
  } else if (t === 0xcd && pos + 3 <= end) {
    n = (b[pos + 1]! << 8) | b[pos + 2]!;
    pos += 3;
  } else if (t === 0xce && pos + 5 <= end) {
    n = u32(pos + 1);
    pos += 5;
  } else if ((t === 0xcf || t === 0xd3) && pos + 9 <= end && u32(pos + 1) <= 0x1f_ffff) {
    // Safe integers only (the high word below 2^21): msgpackr computes hi * 2^32 + lo too.
    n = u32(pos + 1) * TWO_POW_32 + u32(pos + 5);
    pos += 9;
  } else {
    return FAIL;
  }
  return n <= max ? n : FAIL;
}

/** The length of a bin 8 / bin 16 item of at most `max` bytes, moving to its content; else FAIL. */
function binLength(max: number): number {
  if (pos + 2 > end) return FAIL;
  const t = b[pos]!;
  let n: number;
  if (t === 0xc4) {
    n = b[pos + 1]!;
    pos += 2;
  } else if (t === 0xc5 && pos + 3 <= end) {
    n = (b[pos + 1]! << 8) | b[pos + 2]!;
    pos += 3;
  } else {
    return FAIL;
  }
  return n <= max && pos + n <= end ? n : FAIL;
}

/** A fresh copy of the `n` bytes at `pos`, which the caller checked are there. */
function take(n: number): Uint8Array {
  const start = pos;
  pos += n;
  return b.slice(start, pos);
}

/** Offset of the content of a bin 8 item of exactly `length` (< 256) bytes (moving past it), or FAIL. */
function binAt(length: number): number {
  if (pos + 2 + length > end || b[pos] !== 0xc4 || b[pos + 1] !== length) return FAIL;
  const at = pos + 2;
  pos = at + length;
  return at;
}

/** A copy of a bin 8 item of exactly `length` (< 256) bytes, or `undefined`. */
function fixed(length: number): Uint8Array | undefined {
  const at = binAt(length);
  return at === FAIL ? undefined : b.slice(at, at + length);
}

/** A copy of a bin of `min` to `max` bytes, or `undefined`. */
function bounded(min: number, max: number): Uint8Array | undefined {
  const n = binLength(max);
  return n === FAIL || n < min ? undefined : take(n);
}

/**
 * How many extension pairs follow: 0 when the envelope has exactly `fields` type fields and
 * no map, else the size of the fixmap that must be its last element; FAIL otherwise.
 */
function extPairs(count: number, fields: number): number {
  if (count === 4 + fields) return 0;
  if (count !== 5 + fields || pos >= end) return FAIL;
  const t = b[pos]!;
  if (t < 0x80 || t > 0x8f) return FAIL;
  pos++;
  return t & 0x0f;
}

/** A fixint extension key, or FAIL. */
function extKey(): number {
  if (pos >= end || b[pos]! >= 0x80) return FAIL;
  return b[pos++]!;
}

/** One registered extension of `key` with its value, or `undefined` (then the full path decides). */
function singleExt(count: number, fields: number, key: number): boolean | undefined {
  const pairs = extPairs(count, fields);
  if (pairs === 0) return false;
  return pairs === 1 && extKey() === key ? true : undefined;
}

function contact(): Contact | undefined {
  // [id, ip, port]: 0x93, bin 8 of 32, bin 8 of 4 or 16, uint.
  if (pos >= end || b[pos] !== 0x93) return undefined;
  pos++;
  const idAt = binAt(ID_BYTES);
  if (idAt === FAIL || pos + 2 > end || b[pos] !== 0xc4) return undefined;
  const ipLength = b[pos + 1]!;
  const at = pos + 2;
  if ((ipLength !== 4 && ipLength !== 16) || at + ipLength > end) return undefined;
  pos = at + ipLength;
  const port = uint(0xffff);
  if (port === FAIL) return undefined;
  return ipLength === 4 ? sharedContactAt(b, idAt, at, 4, port, cachedIpv4At) : sharedContactAt(b, idAt, at, 16, port, cachedIpv6At);
}

function nodes(count: number, rid: number, sender: NodeId): Message | undefined {
  if (pos >= end) return undefined;
  const t = b[pos]!;
  let n: number;
  if (t >= 0x90 && t <= 0x9f) {
    n = t & 0x0f;
    pos += 1;
  } else if (t === 0xdc && pos + 3 <= end) {
    n = (b[pos + 1]! << 8) | b[pos + 2]!;
    pos += 3;
  } else {
    return undefined;
  }
  if (n > MAX_CONTACTS) return undefined;
  const contacts = new Array<Contact>(n);
  for (let i = 0; i < n; i++) {
    const c = contact();
    if (c === undefined) return undefined;
    contacts[i] = c;
  }
  const ext = singleExt(count, 1, ExtensionKey.TOKEN);
  if (ext === undefined) return undefined;
  if (!ext) return { type: "NODES", rid, sender, contacts };
  const token = bounded(MIN_TOKEN_BYTES, MAX_TOKEN_BYTES);
  return token === undefined ? undefined : { type: "NODES", rid, sender, contacts, token };
}

/** STORE and VALUE: key, value, ttlMs, publisher or nil; then token (both), kind and cas (STORE). */
function record(type: "STORE" | "VALUE", count: number, rid: number, sender: NodeId): Message | undefined {
  const key = fixed(ID_BYTES);
  const value = key === undefined ? undefined : bounded(0, MAX_VALUE_BYTES);
  const ttlMs = value === undefined ? FAIL : uint(Number.MAX_SAFE_INTEGER);
  if (key === undefined || value === undefined || ttlMs === FAIL || pos >= end) return undefined;
  let publisher: Uint8Array | undefined;
  if (b[pos] === 0xc0) pos++;
  else if ((publisher = fixed(ID_BYTES)) === undefined) return undefined;
  const pairs = extPairs(count, 4);
  if (pairs === FAIL) return undefined;
  let token: Uint8Array | undefined;
  let kind = FAIL;
  let cas = FAIL;
  let seen = 0; // bit k: key k was read (a repeated key is left to the full path)
  for (let i = 0; i < pairs; i++) {
    const k = extKey();
    if (k === FAIL || k > 7 || (seen & (1 << k)) !== 0) return undefined;
    seen |= 1 << k;
    if (k === ExtensionKey.TOKEN) {
      if ((token = bounded(MIN_TOKEN_BYTES, MAX_TOKEN_BYTES)) === undefined) return undefined;
    } else if (k === ExtensionKey.RECORD_KIND && type === "STORE") {
      if ((kind = uint(2)) === FAIL) return undefined;
    } else if (k === ExtensionKey.CAS && type === "STORE") {
      if ((cas = uint(Number.MAX_SAFE_INTEGER)) === FAIL) return undefined;
    } else {
      return undefined;
    }
  }
  // Built in the order of validate.ts + readExtensions, so the objects match field for field.
  let out: StoreMessage | ValueMessage = { type, rid, sender, key, value, ttlMs };
  if (publisher !== undefined) out = { ...out, publisher };
  if (token !== undefined) out = { ...out, token };
  if (out.type === "STORE") {
    if (kind !== FAIL) out = { ...out, kind: kind as 0 | 1 | 2 };
    if (cas !== FAIL) out = { ...out, cas };
  }
  return out;
}

function broadcast(count: number, rid: number, sender: NodeId): Message | undefined {
  const id = fixed(BROADCAST_ID_BYTES);
  const origin = id === undefined ? undefined : fixed(ID_BYTES);
  const depth = origin === undefined ? FAIL : uint(MAX_BROADCAST_DEPTH);
  const data = depth === FAIL ? undefined : bounded(0, MAX_BROADCAST_DATA_BYTES);
  if (id === undefined || origin === undefined || data === undefined || extPairs(count, 4) !== 0) return undefined;
  return { type: "BROADCAST", rid, sender, id, origin, depth, data };
}

/** The type-specific part of a message whose header was read. */
function body(code: number, count: number, rid: number, sender: NodeId): Message | undefined {
  switch (code) {
    case MessageType.PING: {
      const ext = singleExt(count, 0, ExtensionKey.NONCE);
      if (ext !== true) return ext === false ? { type: "PING", rid, sender } : undefined;
      const nonce = fixed(NONCE_BYTES);
      return nonce === undefined ? undefined : { type: "PING", rid, sender, nonce };
    }
    case MessageType.PONG: {
      const ext = singleExt(count, 0, ExtensionKey.ID_PROOF);
      if (ext !== true) return ext === false ? { type: "PONG", rid, sender } : undefined;
      if (pos >= end || b[pos++] !== 0x92) return undefined;
      const publicKey = fixed(PUBLIC_KEY_BYTES);
      const signature = publicKey === undefined ? undefined : fixed(SIGNATURE_BYTES);
      if (publicKey === undefined || signature === undefined) return undefined;
      return { type: "PONG", rid, sender, proof: { publicKey, signature } };
    }
    case MessageType.STORED:
    case MessageType.ACK:
      return extPairs(count, 0) === 0 ? { type: code === MessageType.ACK ? "ACK" : "STORED", rid, sender } : undefined;
    case MessageType.FIND_NODE: {
      const target = fixed(ID_BYTES);
      const ext = target === undefined ? undefined : singleExt(count, 1, ExtensionKey.WANT_TOKEN);
      if (target === undefined || ext === undefined) return undefined;
      if (!ext) return { type: "FIND_NODE", rid, sender, target };
      return pos < end && b[pos++] === 0xc3 ? { type: "FIND_NODE", rid, sender, target, wantToken: true } : undefined;
    }
    case MessageType.FIND_VALUE: {
      const key = fixed(ID_BYTES);
      return key !== undefined && extPairs(count, 1) === 0 ? { type: "FIND_VALUE", rid, sender, key } : undefined;
    }
    case MessageType.NODES:
      return nodes(count, rid, sender);
    case MessageType.VALUE:
      return record("VALUE", count, rid, sender);
    case MessageType.STORE:
      return record("STORE", count, rid, sender);
    case MessageType.BROADCAST:
      return broadcast(count, rid, sender);
    default:
      return undefined;
  }
}

function read(): Message | undefined {
  if (end < MIN_BYTES) return undefined;
  const head = b[0]!;
  const code = b[2]!;
  if (head < 0x94 || head > 0x9f || b[1] !== PROTOCOL_VERSION || code < MessageType.PING || code > MessageType.ACK) {
    return undefined;
  }
  pos = 3;
  const rid = uint(MAX_RID);
  const senderAt = rid === FAIL ? FAIL : binAt(ID_BYTES);
  return senderAt === FAIL ? undefined : body(code, head & 0x0f, rid, sharedIdAt(b, senderAt));
}

/**
 * The message in `bytes` when it is in the canonical form of a core type, else `undefined`
 * (never a wrong answer, never a throw). Byte fields are plain copies; the sender id and
 * NODES contacts come from the id cache, hosts from the ip cache. `bytes` is at most
 * `MAX_DATAGRAM_BYTES` long (the caller checked).
 */
export function fastDecode(bytes: Uint8Array): Message | undefined {
  // slice() of a plain Uint8Array gives plain copies (a Buffer's would give Buffers).
  b = Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  end = b.length;
  pos = 0;
  const message = read();
  const complete = pos === end;
  b = EMPTY;
  return complete ? message : undefined;
}
