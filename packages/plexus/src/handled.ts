/** Does nothing (a handler that marks a promise handled, a counter nobody reads). */
export const noop = (): void => {};

/**
 * Marks `promise` as handled and returns it: a caller who ignores it (the seed-style API
 * invites that) never gets an unhandled rejection, while one who awaits it still sees
 * the rejection.
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(noop);
  return promise;
}

/** `error` as an Error (a thrown non-Error is wrapped), for `error` events. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
