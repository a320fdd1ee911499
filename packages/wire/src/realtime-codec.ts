import { ID_BYTES } from "@plexus/core";
import { WireDecodeError, WireEncodeError, type WireHeader } from "./errors.js";
import {
  MAX_MESSAGE_DATA_BYTES,
  MAX_PUBLISHED_SUBSCRIBERS,
  MAX_PUBLISH_HOPS,
  MAX_SUBSCRIBE_RENDEZVOUS,
  MAX_SUBSCRIBE_TTL_MS,
  MESSAGE_ID_BYTES,
} from "./realtime-constants.js";
import type { RealtimeMessage } from "./realtime-messages.js";

/**
 * Encoding and validation of the realtime message fields (docs/protocol.md, "Realtime
 * messages"): `encode.ts` and `validate.ts` hand these types over here, so the field rules
 * of one extension live in one file.
 */

function bad(field: string, rule: string): never {
  throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field} ${rule}`);
}

function outBytes(v: unknown, length: number, field: string): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== length) bad(field, `must be a ${length}-byte Uint8Array`);
  return v;
}

function outData(v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array)) bad("data", "must be a Uint8Array");
  if (v.length > MAX_MESSAGE_DATA_BYTES) {
    throw new WireEncodeError("ERR_VALUE_TOO_LARGE", `data has ${v.length} bytes, more than ${MAX_MESSAGE_DATA_BYTES}`);
  }
  return v;
}

function outUint(v: unknown, max: number, field: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) bad(field, `must be an integer in 0..${max}`);
  return v;
}

function outIds(v: unknown): Uint8Array[] {
  if (!Array.isArray(v) || v.length > MAX_SUBSCRIBE_RENDEZVOUS) bad("rendezvous", `must be an array of at most ${MAX_SUBSCRIBE_RENDEZVOUS} ids`);
  return v.map((id, i) => outBytes(id, ID_BYTES, `rendezvous[${i}]`));
}

/**
 * The type-specific fields of a realtime message, validated, in wire order.
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for a bad field, `ERR_VALUE_TOO_LARGE`
 *   for data over `MAX_MESSAGE_DATA_BYTES`.
 */
export function realtimeFields(m: RealtimeMessage): unknown[] {
  switch (m.type) {
    case "SUBSCRIBE":
      return [outBytes(m.topic, ID_BYTES, "topic"), outUint(m.ttlMs, MAX_SUBSCRIBE_TTL_MS, "ttlMs"), outIds(m.rendezvous)];
    case "SUBSCRIBED":
      return [outUint(m.ttlMs, MAX_SUBSCRIBE_TTL_MS, "ttlMs")];
    case "PUBLISH":
      return [outBytes(m.topic, ID_BYTES, "topic"), outBytes(m.id, MESSAGE_ID_BYTES, "id"),
        outBytes(m.origin, ID_BYTES, "origin"), outUint(m.hops, MAX_PUBLISH_HOPS, "hops"), outData(m.data)];
    case "PUBLISHED":
      return [outUint(m.subscribers, MAX_PUBLISHED_SUBSCRIBERS, "subscribers")];
    case "DELIVER":
      return [outBytes(m.topic, ID_BYTES, "topic"), outBytes(m.id, MESSAGE_ID_BYTES, "id"),
        outBytes(m.origin, ID_BYTES, "origin"), outData(m.data)];
    case "DIRECT":
    case "REQUEST":
      return [outBytes(m.id, MESSAGE_ID_BYTES, "id"), outBytes(m.origin, ID_BYTES, "origin"), outData(m.data)];
    case "REPLY":
      return [outData(m.data)];
  }
}

function reject(field: string, rule: string, h: WireHeader): never {
  throw new WireDecodeError("ERR_WIRE_BAD_FIELD", `${field} ${rule}`, { header: h });
}

function inBytes(v: unknown, length: number, field: string, h: WireHeader): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== length) reject(field, `must be a ${length}-byte bin`, h);
  return v.slice();
}

function inData(v: unknown, h: WireHeader): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length > MAX_MESSAGE_DATA_BYTES) reject("data", `must be a bin of at most ${MAX_MESSAGE_DATA_BYTES} bytes`, h);
  return v.slice();
}

function inUint(v: unknown, max: number, field: string, h: WireHeader): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) reject(field, `must be an unsigned integer <= ${max}`, h);
  return v;
}

function inIds(v: unknown, h: WireHeader): Uint8Array[] {
  if (!Array.isArray(v) || v.length > MAX_SUBSCRIBE_RENDEZVOUS) reject("rendezvous", `must be an array of at most ${MAX_SUBSCRIBE_RENDEZVOUS}`, h);
  return v.map((id: unknown, i) => inBytes(id, ID_BYTES, `rendezvous[${i}]`, h));
}

/** The realtime message types, as `validate.ts` dispatches them. */
export type RealtimeTypeName = RealtimeMessage["type"];

/**
 * Builds a typed realtime message from envelope `f` (fields start at index 4).
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` (with the header) for a bad field.
 */
export function buildRealtime(type: RealtimeTypeName, f: unknown[], h: WireHeader): RealtimeMessage {
  const { rid, sender } = h;
  switch (type) {
    case "SUBSCRIBE":
      return { type, rid, sender, topic: inBytes(f[4], ID_BYTES, "topic", h), ttlMs: inUint(f[5], MAX_SUBSCRIBE_TTL_MS, "ttlMs", h), rendezvous: inIds(f[6], h) };
    case "SUBSCRIBED":
      return { type, rid, sender, ttlMs: inUint(f[4], MAX_SUBSCRIBE_TTL_MS, "ttlMs", h) };
    case "PUBLISH": {
      const topic = inBytes(f[4], ID_BYTES, "topic", h);
      const id = inBytes(f[5], MESSAGE_ID_BYTES, "id", h);
      const origin = inBytes(f[6], ID_BYTES, "origin", h);
      return { type, rid, sender, topic, id, origin, hops: inUint(f[7], MAX_PUBLISH_HOPS, "hops", h), data: inData(f[8], h) };
    }
    case "PUBLISHED":
      return { type, rid, sender, subscribers: inUint(f[4], MAX_PUBLISHED_SUBSCRIBERS, "subscribers", h) };
    case "DELIVER": {
      const topic = inBytes(f[4], ID_BYTES, "topic", h);
      const id = inBytes(f[5], MESSAGE_ID_BYTES, "id", h);
      return { type, rid, sender, topic, id, origin: inBytes(f[6], ID_BYTES, "origin", h), data: inData(f[7], h) };
    }
    case "DIRECT":
    case "REQUEST": {
      const id = inBytes(f[4], MESSAGE_ID_BYTES, "id", h);
      return { type, rid, sender, id, origin: inBytes(f[5], ID_BYTES, "origin", h), data: inData(f[6], h) };
    }
    case "REPLY":
      return { type, rid, sender, data: inData(f[4], h) };
  }
}

/** Number of type-specific fields of each realtime type (`envelope.ts` FIELD_COUNT). */
export const REALTIME_FIELD_COUNT: Readonly<Record<RealtimeTypeName, number>> = {
  SUBSCRIBE: 3, // topic, ttlMs, rendezvous
  SUBSCRIBED: 1, // ttlMs
  PUBLISH: 5, // topic, id, origin, hops, data
  PUBLISHED: 1, // subscribers
  DELIVER: 4, // topic, id, origin, data
  DIRECT: 3, // id, origin, data
  REQUEST: 3, // id, origin, data
  REPLY: 1, // data
};

/** The realtime types that expect a reply. */
export const REALTIME_REQUEST_TYPES: readonly RealtimeTypeName[] = ["SUBSCRIBE", "PUBLISH", "DELIVER", "DIRECT", "REQUEST"];
