import { PlexusError } from "@plexus/core";

/**
 * `value` checked for a put: a Uint8Array of at most `maxValueBytes`.
 * @throws PlexusError `ERR_INVALID_ARGUMENT`, `ERR_VALUE_TOO_LARGE`
 */
export function checkValue(value: Uint8Array, maxValueBytes: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new PlexusError("ERR_INVALID_ARGUMENT", "value must be a Uint8Array");
  if (value.length > maxValueBytes) throw new PlexusError("ERR_VALUE_TOO_LARGE", `value over ${maxValueBytes} bytes`);
  return value;
}

/**
 * The lifetime of a put: `ttlMs` (or `defaultTtlMs`), capped at `maxTtlMs`.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` unless it is > 0
 */
export function putTtl(ttlMs: number | undefined, limits: { readonly defaultTtlMs: number; readonly maxTtlMs: number }): number {
  const ttl = Math.min(ttlMs ?? limits.defaultTtlMs, limits.maxTtlMs);
  if (!(ttl > 0)) throw new PlexusError("ERR_INVALID_ARGUMENT", "ttlMs must be > 0");
  return ttl;
}
