import { Packr } from "msgpackr";
import { PlexusError, fromUtf8, utf8 } from "@plexus/core";
import { ValueKind } from "./constants.js";

/**
 * msgpackr instance for values (separate from the wire codec's). `useRecords: false`:
 * every value stands alone (no shared structure state between peers), so any MessagePack
 * reader can decode the payload.
 */
const packr = new Packr({ useRecords: false });

/**
 * Encodes a value for storage or broadcast: one {@link ValueKind} byte, then the payload.
 * Strings are UTF-8, `Uint8Array`s (and `Buffer`s) are stored as is, anything else is
 * MessagePack. The kind byte is what lets `find` give back the type that was stored.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for `undefined` (it would read as "not
 *   found") or a value MessagePack cannot encode (a function, a symbol, ...).
 */
export function encodeValue(value: unknown): Uint8Array {
  if (typeof value === "string") return withKind(ValueKind.STRING, utf8(value));
  if (value instanceof Uint8Array) return withKind(ValueKind.BYTES, value);
  if (value === undefined) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", "value must not be undefined (use null)");
  }
  if (typeof value === "function" || typeof value === "symbol") {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `a ${typeof value} cannot be stored`);
  }
  let packed: Uint8Array;
  try {
    packed = packr.pack(value);
  } catch (cause) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", "value cannot be encoded as MessagePack", { cause });
  }
  return withKind(ValueKind.MSGPACK, packed);
}

/**
 * Decodes what {@link encodeValue} made. Bytes that did not come from it (an empty value,
 * an unknown kind byte, invalid UTF-8 or MessagePack: another implementation wrote them)
 * come back as the raw `Uint8Array`, never as an exception: values are untrusted input.
 */
export function decodeValue(bytes: Uint8Array): unknown {
  const payload = bytes.subarray(1);
  try {
    switch (bytes[0]) {
      case ValueKind.BYTES:
        return new Uint8Array(payload);
      case ValueKind.STRING:
        return fromUtf8(payload);
      case ValueKind.MSGPACK:
        // `undefined` would read as "not found"; only a foreign writer can produce it.
        return packr.unpack(payload) ?? null;
      default:
        return new Uint8Array(bytes);
    }
  } catch {
    return new Uint8Array(bytes);
  }
}

function withKind(kind: ValueKind, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1);
  out[0] = kind;
  out.set(payload, 1);
  return out;
}
