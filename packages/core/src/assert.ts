import { PlexusError } from "./errors.js";

/**
 * Internal argument checks shared by core's classes (not exported from the package).
 */

/**
 * Throws unless `value` is an integer in `min..max`.
 * @throws PlexusError `ERR_INVALID_ARGUMENT`
 */
export function assertInteger(value: number, min: number, what: string, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in ${min}..${max}`;
    throw new PlexusError("ERR_INVALID_ARGUMENT", `${what} must be an integer ${range}, got ${value}`);
  }
}
