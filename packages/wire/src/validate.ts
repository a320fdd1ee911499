import { bytesToIp, ID_BYTES, type Contact } from "@plexus/core";
import {
  BROADCAST_ID_BYTES,
  MAX_BROADCAST_DATA_BYTES,
  MAX_BROADCAST_DEPTH,
  MAX_CONTACTS,
  MAX_ERROR_CODE,
  MAX_ERROR_MESSAGE_BYTES,
  MAX_RID,
  MAX_VALUE_BYTES,
  PROTOCOL_VERSION,
} from "./constants.js";
import { FIELD_COUNT, HEADER_ELEMENTS, TYPE_BY_CODE } from "./envelope.js";
import { readExtensions } from "./extensions.js";
import { WireDecodeError, type WireDecodeErrorCode, type WireHeader } from "./errors.js";
import type { Message, MessageTypeName } from "./messages.js";
import { buildRealtime } from "./realtime-codec.js";
import { SCAN_FLAG_FLOAT_OUTSIDE_MAP } from "./msgpack-scan.js";
import { utf8ByteLength } from "./utf8-length.js";

/**
 * Turns what msgpackr unpacked into a typed {@link Message}, checking every field
 * (docs/protocol.md, "Message types"). Byte fields are copied into compact, plain
 * `Uint8Array`s, so nothing returned aliases the datagram.
 */

function reject(code: WireDecodeErrorCode, message: string, header?: WireHeader): never {
  throw new WireDecodeError(code, message, header === undefined ? undefined : { header });
}

function badField(field: string, rule: string, h: WireHeader): never {
  reject("ERR_WIRE_BAD_FIELD", `${field} ${rule}`, h);
}

function isUint(v: unknown, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
}

function bin(v: unknown, length: number, field: string, h: WireHeader): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== length) badField(field, `must be a ${length}-byte bin`, h);
  return v.slice();
}

function payload(v: unknown, max: number, field: string, h: WireHeader): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length > max) badField(field, `must be a bin of at most ${max} bytes`, h);
  return v.slice();
}

function uint(v: unknown, max: number, field: string, h: WireHeader): number {
  if (!isUint(v, max)) badField(field, `must be an unsigned integer <= ${max}`, h);
  return v;
}

/** A contact is `[id, ip, port]`, optionally followed by an extension map. */
function contact(v: unknown, i: number, h: WireHeader): Contact {
  if (!Array.isArray(v) || (v.length !== 3 && !(v.length === 4 && v[3] instanceof Map))) {
    badField(`contacts[${i}]`, "must be an array [id, ip, port]", h);
  }
  // Field names are built only on the error path (20 contacts a reply).
  const rawId: unknown = v[0];
  const id = rawId instanceof Uint8Array && rawId.length === ID_BYTES ? rawId.slice() : bin(rawId, ID_BYTES, `contacts[${i}].id`, h);
  const ip: unknown = v[1];
  if (!(ip instanceof Uint8Array) || (ip.length !== 4 && ip.length !== 16)) {
    badField(`contacts[${i}].ip`, "must be a 4- or 16-byte bin", h);
  }
  const rawPort: unknown = v[2];
  const port = isUint(rawPort, 0xffff) ? rawPort : uint(rawPort, 0xffff, `contacts[${i}].port`, h);
  return { id, host: bytesToIp(ip), port };
}

function contacts(v: unknown, h: WireHeader): Contact[] {
  if (!Array.isArray(v) || v.length > MAX_CONTACTS) badField("contacts", `must be an array of at most ${MAX_CONTACTS}`, h);
  const out = new Array<Contact>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = contact(v[i], i, h);
  return out;
}

function ttlMs(v: unknown, h: WireHeader): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) badField("ttlMs", "must be a non-negative safe integer", h);
  return v;
}

function errorText(v: unknown, h: WireHeader): string {
  if (typeof v !== "string" || utf8ByteLength(v) > MAX_ERROR_MESSAGE_BYTES) {
    badField("message", `must be a str of at most ${MAX_ERROR_MESSAGE_BYTES} bytes`, h);
  }
  return v;
}

/** STORE and VALUE share one layout: key, value, ttlMs, publisher or nil. */
function record<T extends "STORE" | "VALUE">(type: T, f: unknown[], h: WireHeader) {
  const key = bin(f[4], ID_BYTES, "key", h);
  const value = payload(f[5], MAX_VALUE_BYTES, "value", h);
  const ttl = ttlMs(f[6], h);
  const base = { type, rid: h.rid, sender: h.sender, key, value, ttlMs: ttl };
  return f[7] === null ? base : { ...base, publisher: bin(f[7], ID_BYTES, "publisher", h) };
}

/** Builds the typed message for `type` from envelope `f` (fields start at index 4). */
function build(type: MessageTypeName, f: unknown[], h: WireHeader): Message {
  const { rid, sender } = h;
  switch (type) {
    case "PING":
    case "PONG":
    case "STORED":
    case "ACK":
      return { type, rid, sender };
    case "FIND_NODE":
      return { type, rid, sender, target: bin(f[4], ID_BYTES, "target", h) };
    case "FIND_VALUE":
      return { type, rid, sender, key: bin(f[4], ID_BYTES, "key", h) };
    case "NODES":
      return { type, rid, sender, contacts: contacts(f[4], h) };
    case "VALUE":
    case "STORE":
      return record(type, f, h);
    case "BROADCAST": {
      const id = bin(f[4], BROADCAST_ID_BYTES, "id", h);
      const origin = bin(f[5], ID_BYTES, "origin", h);
      const depth = uint(f[6], MAX_BROADCAST_DEPTH, "depth", h);
      return { type, rid, sender, id, origin, depth, data: payload(f[7], MAX_BROADCAST_DATA_BYTES, "data", h) };
    }
    case "ERROR":
      return { type, rid, sender, code: uint(f[4], MAX_ERROR_CODE, "code", h), message: errorText(f[5], h) };
    case "SUBSCRIBE": case "SUBSCRIBED": case "PUBLISH": case "PUBLISHED":
    case "DELIVER": case "DIRECT": case "REQUEST": case "REPLY":
      return buildRealtime(type, f, h);
  }
}

/**
 * Validates an unpacked envelope and returns the typed message.
 * @param scanFlags the flags `scanMsgpack` returned for the same bytes.
 * @throws WireDecodeError `ERR_WIRE_BAD_ENVELOPE`, `ERR_WIRE_VERSION`,
 *   `ERR_WIRE_UNKNOWN_TYPE` or `ERR_WIRE_BAD_FIELD`.
 */
export function messageFromEnvelope(raw: unknown, scanFlags: number): Message {
  if (!Array.isArray(raw) || raw.length === 0) reject("ERR_WIRE_BAD_ENVELOPE", "a datagram must be a non-empty array");
  const f = raw as unknown[];
  // Element 0 is the version in every protocol version; all else may change with it.
  if (f[0] !== PROTOCOL_VERSION) reject("ERR_WIRE_VERSION", `unsupported protocol version ${String(f[0])}`);
  if ((scanFlags & SCAN_FLAG_FLOAT_OUTSIDE_MAP) !== 0) {
    reject("ERR_WIRE_BAD_FIELD", "a float outside an extension map (v1 fields are integers)");
  }
  if (f.length < HEADER_ELEMENTS) reject("ERR_WIRE_BAD_ENVELOPE", "an envelope has at least 4 elements");
  const typeCode = f[1];
  if (!isUint(f[2], MAX_RID)) reject("ERR_WIRE_BAD_FIELD", `rid must be an unsigned integer <= ${MAX_RID}`);
  if (!(f[3] instanceof Uint8Array) || f[3].length !== ID_BYTES) reject("ERR_WIRE_BAD_FIELD", "sender must be a 32-byte bin");
  if (!isUint(typeCode, 0xffff_ffff)) reject("ERR_WIRE_UNKNOWN_TYPE", "the type code must be an unsigned integer");
  const h: WireHeader = { version: PROTOCOL_VERSION, typeCode, rid: f[2], sender: f[3].slice() };
  const type = TYPE_BY_CODE[typeCode];
  if (type === undefined) reject("ERR_WIRE_UNKNOWN_TYPE", `unknown message type 0x${typeCode.toString(16)}`, h);
  const total = HEADER_ELEMENTS + FIELD_COUNT[type];
  if (f.length !== total && !(f.length === total + 1 && f[total] instanceof Map)) {
    reject("ERR_WIRE_BAD_ENVELOPE", `${type} has ${FIELD_COUNT[type]} fields and an optional extension map`, h);
  }
  const message = build(type, f, h);
  // Registered extension keys (section "Trusted storage") become optional fields; the rest is ignored.
  return f.length === total ? message : readExtensions(message, f[total] as Map<unknown, unknown>);
}
