import { ID_BYTES } from "@plexus/core";
import { WireDecodeError, type WireHeader } from "../errors.js";

/**
 * Validators for the fields of a datagram being decoded, for `MessageSpec.decodeFields`.
 * Each returns the field as the message holds it or throws `WireDecodeError`
 * `ERR_WIRE_BAD_FIELD` carrying `header`, so the node can answer BAD_REQUEST
 * (docs/protocol.md, section 7, check 11). Byte strings come back as compact, plain copies:
 * nothing returned aliases the datagram.
 */

/**
 * Rejects the datagram for field `field`, which breaks `rule`.
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` with `header`, always.
 */
export function rejectField(field: string, rule: string, header: WireHeader): never {
  throw new WireDecodeError("ERR_WIRE_BAD_FIELD", `${field} ${rule}`, { header });
}

/** True when `v` is an integer in 0..max (a float never is: the pre-scan flags floats). */
export function isUint(v: unknown, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;
}

/**
 * A bin of exactly `length` bytes, copied.
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` otherwise.
 */
export function inBytes(v: unknown, length: number, field: string, header: WireHeader): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== length) rejectField(field, `must be a ${length}-byte bin`, header);
  return v.slice();
}

/**
 * A bin of at most `maxBytes` bytes, copied.
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` otherwise.
 */
export function inPayload(v: unknown, maxBytes: number, field: string, header: WireHeader): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length > maxBytes) rejectField(field, `must be a bin of at most ${maxBytes} bytes`, header);
  return v.slice();
}

/**
 * An unsigned integer in 0..max, in any MessagePack integer form.
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` otherwise.
 */
export function inUint(v: unknown, max: number, field: string, header: WireHeader): number {
  if (!isUint(v, max)) rejectField(field, `must be an unsigned integer <= ${max}`, header);
  return v;
}

/**
 * An unsigned safe integer (0..2^53 - 1). A uint 64 above that unpacks as a number of at
 * least 2^53 and is refused.
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` otherwise.
 */
export function inSafeUint(v: unknown, field: string, header: WireHeader): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) rejectField(field, "must be a non-negative safe integer", header);
  return v;
}

/**
 * An array of at most `maxCount` bins of `idBytes` bytes each (node ids by default), copied.
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` otherwise.
 */
export function inIdList(v: unknown, maxCount: number, field: string, header: WireHeader, idBytes = ID_BYTES): Uint8Array[] {
  if (!Array.isArray(v) || v.length > maxCount) rejectField(field, `must be an array of at most ${maxCount}`, header);
  const out = new Array<Uint8Array>(v.length);
  for (let i = 0; i < v.length; i++) {
    const id: unknown = v[i];
    // The item's name is built only on the error path.
    out[i] = id instanceof Uint8Array && id.length === idBytes ? id.slice() : inBytes(id, idBytes, `${field}[${i}]`, header);
  }
  return out;
}

const utf8 = new TextEncoder();

/**
 * A str of at most `maxBytes` bytes (the pre-scan has checked it is valid UTF-8).
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` otherwise.
 */
export function inText(v: unknown, maxBytes: number, field: string, header: WireHeader): string {
  if (typeof v !== "string" || utf8.encode(v).length > maxBytes) rejectField(field, `must be a str of at most ${maxBytes} bytes`, header);
  return v;
}
