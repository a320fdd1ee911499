/** The last argument of every async method. */
export interface CallOptions {
  /** Aborts the call; it rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}
