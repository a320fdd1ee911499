import { ID_BYTES } from "@plexus/core";
import { MAX_UINT32 } from "../constants.js";
import { WireEncodeError } from "../errors.js";
import { LONE_SURROGATE } from "./utf8-length.js";

/**
 * Validators for the fields of a message being encoded, for `MessageSpec.encodeFields`.
 * Each returns the value as it goes on the wire or throws `WireEncodeError`, so a peer
 * never receives a field its decoder would reject. `field` names the field in the error.
 */

function refuse(field: string, rule: string): never {
  throw new WireEncodeError("ERR_INVALID_ARGUMENT", `${field} ${rule}`);
}

/**
 * A byte string of exactly `length` bytes (an id, a nonce, a message id).
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` when it is not a `Uint8Array` of that length.
 */
export function outBytes(value: unknown, length: number, field: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) refuse(field, `must be a ${length}-byte Uint8Array`);
  return value;
}

/**
 * A payload of at most `maxBytes` bytes.
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` when it is not a `Uint8Array`,
 *   `ERR_VALUE_TOO_LARGE` when it is longer.
 */
export function outPayload(value: unknown, maxBytes: number, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) refuse(field, "must be a Uint8Array");
  if (value.length > maxBytes) {
    throw new WireEncodeError("ERR_VALUE_TOO_LARGE", `${field} has ${value.length} bytes, more than ${maxBytes}`);
  }
  return value;
}

/**
 * An unsigned integer in 0..max, `max` at most {@link MAX_UINT32} (use {@link outSafeUint}
 * for larger ones).
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` when it is not an integer in range.
 */
export function outUint(value: unknown, max: number, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    refuse(field, `must be an integer in 0..${max}`);
  }
  return value;
}

/**
 * An unsigned safe integer (0..2^53 - 1), as msgpackr must be given it: a bigint above
 * 2^32 - 1, which it packs as int 64 (`d3`), as protocol.md section 2 shows; a number there
 * would become a float 64.
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` when it is not a non-negative safe integer.
 */
export function outSafeUint(value: unknown, field: string): number | bigint {
  const n = outUint(value, Number.MAX_SAFE_INTEGER, field);
  return n > MAX_UINT32 ? BigInt(n) : n;
}

/**
 * A list of at most `maxCount` byte strings of `idBytes` bytes each (node ids by default).
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for a non-array, too many items or a bad item.
 */
export function outIdList(value: unknown, maxCount: number, field: string, idBytes = ID_BYTES): Uint8Array[] {
  if (!Array.isArray(value) || value.length > maxCount) refuse(field, `must be an array of at most ${maxCount} ids`);
  const out = new Array<Uint8Array>(value.length);
  for (let i = 0; i < value.length; i++) {
    const id: unknown = value[i];
    // The item's name is built only on the error path.
    out[i] = id instanceof Uint8Array && id.length === idBytes ? id : outBytes(id, idBytes, `${field}[${i}]`);
  }
  return out;
}

const utf8 = new TextEncoder();

/**
 * A well-formed string of at most `maxBytes` bytes in UTF-8.
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for a non-string, a lone surrogate or too many bytes.
 */
export function outText(value: unknown, maxBytes: number, field: string): string {
  if (typeof value !== "string" || LONE_SURROGATE.test(value)) refuse(field, "must be a well-formed string");
  if (utf8.encode(value).length > maxBytes) refuse(field, `must be at most ${maxBytes} UTF-8 bytes`);
  return value;
}
