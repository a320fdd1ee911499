import { PlexusError } from "@plexus/core";

/**
 * Validates an optional cap option: `fallback` when absent, else a non-negative safe integer.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` otherwise
 */
export function cap(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}
