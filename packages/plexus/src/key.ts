import { PlexusError, fromHex, utf8 } from "@plexus/core";
import { sha256 } from "@plexus/node";
import { KEY_BYTES } from "./constants.js";
import { encodeValue } from "./value-codec.js";

/**
 * What the facade accepts as a key or node id: a 32-byte `Uint8Array`, a 64-character
 * hex string, or any other string (its SHA-256).
 */
export type KeyLike = Uint8Array | string;

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** True for a string of exactly 64 hex characters (read as 32 bytes, never hashed). */
export function isHexKey(value: string): boolean {
  return HEX_KEY.test(value);
}

/**
 * Turns a {@link KeyLike} into 32 key bytes: a 32-byte `Uint8Array` is used as is (copied),
 * a 64-character hex string is parsed, and any other string is hashed with SHA-256 of its
 * UTF-8 bytes (so `"users/alice"` always names the same key). A string of 64 hex
 * characters is therefore always read as hex, never hashed.
 * @throws PlexusError `ERR_INVALID_ID` for a `Uint8Array` that is not 32 bytes or a
 *   value that is neither bytes nor a string.
 */
export function toKey(key: KeyLike, what = "key"): Uint8Array {
  if (key instanceof Uint8Array) {
    if (key.length !== KEY_BYTES) {
      throw new PlexusError("ERR_INVALID_ID", `${what} must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    return new Uint8Array(key);
  }
  if (typeof key === "string") return HEX_KEY.test(key) ? fromHex(key) : sha256(utf8(key));
  throw new PlexusError("ERR_INVALID_ID", `${what} must be a Uint8Array or a string`);
}

/** The default key of a stored value: SHA-256 of its encoded bytes (kind byte included). */
export function keyOfEncoded(encoded: Uint8Array): Uint8Array {
  return sha256(encoded);
}

/**
 * A seed-style item: `value` encoded, checked against `maxValueBytes`, and its key (`key`,
 * or SHA-256 of the encoded value when `undefined`).
 * @throws PlexusError `ERR_VALUE_TOO_LARGE`; `ERR_INVALID_ARGUMENT` / `ERR_INVALID_ID` for a bad value or key.
 */
export function prepareItem(key: KeyLike | undefined, value: unknown, maxValueBytes: number): { key: Uint8Array; encoded: Uint8Array } {
  const encoded = encodeValue(value);
  if (encoded.length > maxValueBytes) {
    throw new PlexusError("ERR_VALUE_TOO_LARGE", `value encodes to ${encoded.length} bytes, more than ${maxValueBytes}`);
  }
  return { key: key === undefined ? keyOfEncoded(encoded) : toKey(key), encoded };
}
