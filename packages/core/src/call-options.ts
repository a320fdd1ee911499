import { PlexusError } from "./errors.js";

/**
 * Throws unless `value` can be the options argument of an async call: `undefined` or an
 * object (not an array) whose `signal`, when present, is an `AbortSignal`. Every public
 * entry point checks its options with it, so a `null` or a typo'd shape gets a typed error
 * instead of a `TypeError` from deep inside.
 * @throws PlexusError `ERR_INVALID_ARGUMENT`
 */
export function assertCallOptions(value: unknown, what = "options"): void {
  if (value === undefined) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `${what} must be an object or undefined, got ${value === null ? "null" : typeof value}`);
  }
  const signal = (value as { signal?: unknown }).signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `${what}.signal must be an AbortSignal`);
  }
}

/**
 * Throws unless `value` is a non-null object (not an array): the argument objects of the
 * seed-style API (`{ key, value }`, `{ data }`) and option bags that are required.
 * @throws PlexusError `ERR_INVALID_ARGUMENT`
 */
export function assertObject(value: unknown, what: string): asserts value is object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `${what} must be an object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
  }
}
