import { PlexusError } from "./errors.js";

/**
 * Internal argument checks shared by core's classes (not exported from the package).
 */

/**
 * Throws unless `value` is an integer `>= min`.
 * @throws PlexusError `ERR_INVALID_ARGUMENT`
 */
export function assertInteger(value: number, min: number, what: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `${what} must be an integer >= ${min}, got ${value}`);
  }
}
