import type { ExtensionMap } from "../codec/message-spec.js";

/**
 * Reading extension values (docs/protocol.md, section 8): a receiver ignores keys it does
 * not know and ill-typed values of keys it knows, so these return `undefined` (or `false`)
 * instead of throwing.
 */

/** True when `v` is a `Uint8Array` of `min` to `max` bytes. */
export function isBin(v: unknown, min: number, max = min): v is Uint8Array {
  return v instanceof Uint8Array && v.length >= min && v.length <= max;
}

/** True when `v` is a non-negative safe integer. */
export function isSafeUint(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/**
 * The bin under `key` in `extensions` when it has `min` to `max` bytes, copied out of the
 * datagram; `undefined` when absent or ill-typed.
 */
export function extensionBytes(extensions: ExtensionMap, key: unknown, min: number, max = min): Uint8Array | undefined {
  const v = extensions.get(key);
  return isBin(v, min, max) ? v.slice() : undefined;
}
