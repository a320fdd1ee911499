import { ID_BYTES, ipToBytes, type Contact } from "@plexus/core";
import { RESET_BUFFER_MODE } from "msgpackr";
import { msgpack } from "./codec.js";
import {
  BROADCAST_ID_BYTES,
  MAX_BROADCAST_DATA_BYTES,
  MAX_BROADCAST_DEPTH,
  MAX_CONTACTS,
  MAX_DATAGRAM_BYTES,
  MAX_ERROR_CODE,
  MAX_ERROR_MESSAGE_BYTES,
  MAX_RID,
  MAX_VALUE_BYTES,
  PROTOCOL_VERSION,
} from "./constants.js";
import { typeCodeOf } from "./envelope.js";
import { WireEncodeError, type WireEncodeErrorCode } from "./errors.js";
import { writeExtensions } from "./extensions.js";
import type { Message } from "./messages.js";
import { realtimeFields } from "./realtime-codec.js";
import { LONE_SURROGATE, utf8ByteLength } from "./utf8-length.js";

function fail(code: WireEncodeErrorCode, message: string, cause?: unknown): never {
  throw new WireEncodeError(code, message, cause === undefined ? undefined : { cause });
}

function bytes(value: unknown, length: number, field: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    fail("ERR_INVALID_ARGUMENT", `${field} must be a ${length}-byte Uint8Array`);
  }
  return value;
}

function payload(value: unknown, max: number, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) fail("ERR_INVALID_ARGUMENT", `${field} must be a Uint8Array`);
  if (value.length > max) fail("ERR_VALUE_TOO_LARGE", `${field} has ${value.length} bytes, more than ${max}`);
  return value;
}

function uint(value: unknown, max: number, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    fail("ERR_INVALID_ARGUMENT", `${field} must be an integer in 0..${max}`);
  }
  return value;
}

/** ttl as msgpackr should pack it: numbers above uint32 go as int64 (a bigint), not float64. */
function ttl(value: unknown): number | bigint {
  const n = uint(value, Number.MAX_SAFE_INTEGER, "ttlMs");
  return n > 0xffff_ffff ? BigInt(n) : n;
}

function contact(c: Contact, i: number): unknown[] {
  let ip: Uint8Array;
  try {
    if (typeof c.host !== "string") throw new TypeError("host must be a string");
    ip = ipToBytes(c.host);
  } catch (cause) {
    fail("ERR_INVALID_ARGUMENT", `contacts[${i}].host is not an IP literal`, cause);
  }
  // Checked inline: the field names are only built on the error path (20 contacts a reply).
  const { id, port } = c;
  if (!(id instanceof Uint8Array) || id.length !== ID_BYTES) bytes(id, ID_BYTES, `contacts[${i}].id`);
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 0xffff) uint(port, 0xffff, `contacts[${i}].port`);
  return [id, ip, port];
}

function contacts(list: unknown): unknown[] {
  if (!Array.isArray(list)) fail("ERR_INVALID_ARGUMENT", "contacts must be an array");
  if (list.length > MAX_CONTACTS) fail("ERR_INVALID_ARGUMENT", `at most ${MAX_CONTACTS} contacts fit a NODES reply`);
  const out = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = contact(list[i] as Contact, i);
  return out;
}

function errorText(value: unknown): string {
  if (typeof value !== "string" || LONE_SURROGATE.test(value)) {
    fail("ERR_INVALID_ARGUMENT", "message must be a well-formed string");
  }
  if (utf8ByteLength(value) > MAX_ERROR_MESSAGE_BYTES) {
    fail("ERR_INVALID_ARGUMENT", `message must be at most ${MAX_ERROR_MESSAGE_BYTES} UTF-8 bytes`);
  }
  return value;
}

/** The type-specific fields of `m`, validated, in wire order. */
function fields(m: Message): unknown[] {
  switch (m.type) {
    case "PING":
    case "PONG":
    case "STORED":
    case "ACK":
      return [];
    case "FIND_NODE":
      return [bytes(m.target, ID_BYTES, "target")];
    case "FIND_VALUE":
      return [bytes(m.key, ID_BYTES, "key")];
    case "NODES":
      return [contacts(m.contacts)];
    case "VALUE":
    case "STORE":
      return [
        bytes(m.key, ID_BYTES, "key"),
        payload(m.value, MAX_VALUE_BYTES, "value"),
        ttl(m.ttlMs),
        m.publisher === undefined ? null : bytes(m.publisher, ID_BYTES, "publisher"),
      ];
    case "BROADCAST":
      return [
        bytes(m.id, BROADCAST_ID_BYTES, "id"),
        bytes(m.origin, ID_BYTES, "origin"),
        uint(m.depth, MAX_BROADCAST_DEPTH, "depth"),
        payload(m.data, MAX_BROADCAST_DATA_BYTES, "data"),
      ];
    case "ERROR":
      return [uint(m.code, MAX_ERROR_CODE, "code"), errorText(m.message)];
    case "SUBSCRIBE": case "SUBSCRIBED": case "PUBLISH": case "PUBLISHED":
    case "DELIVER": case "DIRECT": case "REQUEST": case "REPLY":
      return realtimeFields(m);
  }
}

/**
 * Encodes one message as one datagram (docs/protocol.md): validates every field first, so
 * a peer never receives what `decode` would reject, builds the envelope array and packs
 * it with msgpackr.
 * @returns a new, exactly sized, plain `Uint8Array` (never a view of a shared buffer).
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for an unknown type or a bad field,
 *   `ERR_VALUE_TOO_LARGE` for an oversized value or broadcast payload,
 *   `ERR_DATAGRAM_TOO_LARGE` when the result would exceed `MAX_DATAGRAM_BYTES`.
 */
export function encode(message: Message): Uint8Array {
  const code = typeof message?.type === "string" ? typeCodeOf(message.type) : undefined;
  if (code === undefined) fail("ERR_INVALID_ARGUMENT", `unknown message type ${String(message?.type)}`);
  const envelope = [
    PROTOCOL_VERSION,
    code,
    uint(message.rid, MAX_RID, "rid"),
    bytes(message.sender, ID_BYTES, "sender"),
    ...fields(message),
  ];
  let ext: Map<number, unknown> | undefined;
  try {
    ext = writeExtensions(message);
  } catch (cause) {
    fail("ERR_INVALID_ARGUMENT", cause instanceof Error ? cause.message : "bad extension field", cause);
  }
  if (ext !== undefined) envelope.push(ext);
  let packed: Uint8Array;
  try {
    // RESET_BUFFER_MODE: msgpackr rewinds its slab after the pack; safe because the bytes
    // are copied out below before any other pack. Without it msgpackr allocates a fresh
    // 8 KiB slab every ~8 NODES replies (a visible share of a simulation's GC).
    packed = msgpack.pack(envelope, RESET_BUFFER_MODE);
  } catch (cause) {
    fail("ERR_INVALID_ARGUMENT", "msgpack could not encode the message", cause);
  }
  if (packed.length > MAX_DATAGRAM_BYTES) {
    fail("ERR_DATAGRAM_TOO_LARGE", `encoded ${packed.length} bytes, more than ${MAX_DATAGRAM_BYTES}`);
  }
  // msgpackr returns a Buffer view of its internal slab: copy into a plain, compact array.
  return new Uint8Array(packed);
}
