import { ID_BYTES } from "@plexus/core";

/**
 * Packs a 32-byte key into a 16-code-unit string for use as a `Map` key: two bytes per
 * UTF-16 code unit, one `String.fromCharCode` call, no lookup table. Half the length of
 * hex and cheaper to build and hash. Internal only: lone surrogates make it unfit for
 * display or serialization (use `idToHex` for logs).
 * The caller has already checked that `key` is 32 bytes.
 */
export function keyString(key: Uint8Array): string {
  const units = new Array<number>(ID_BYTES / 2);
  for (let i = 0; i < units.length; i++) units[i] = (key[2 * i]! << 8) | key[2 * i + 1]!;
  return String.fromCharCode(...units);
}

/** The inverse of {@link keyString}: a fresh 32-byte key from its packed string. */
export function keyFromString(id: string): Uint8Array {
  const key = new Uint8Array(ID_BYTES);
  for (let i = 0; i < ID_BYTES / 2; i++) {
    const unit = id.charCodeAt(i);
    key[2 * i] = unit >> 8;
    key[2 * i + 1] = unit & 0xff;
  }
  return key;
}
