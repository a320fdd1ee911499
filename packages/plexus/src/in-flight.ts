import { PlexusError } from "@plexus/core";
import { handled, noop } from "./handled.js";
import { callOptions } from "./options.js";
import type { PutOptions } from "./types.js";

/** The options a facade call hands the engine: the caller's, with the operation signal. */
export interface OperationOptions {
  readonly signal: AbortSignal;
  readonly ttlMs?: number;
}

/**
 * How the node runs a facade call (`Node.#op`): once bound, with `options` checked, settled
 * with ERR_STOPPED by `close()`; `fn` gets the options to hand the engine.
 */
export type Run = <T>(fn: (options: OperationOptions) => Promise<T>, options: PutOptions | undefined) => Promise<T>;

/** The signal an operation runs with, and what to call once it settled. */
export interface OperationSignal {
  /** Aborts on the caller's signal (with its reason) or at `close()` (with `ERR_STOPPED`). */
  readonly signal: AbortSignal;
  /** Forgets the operation (it settled); idempotent. */
  release(): void;
}

/**
 * What `close()` settles: every facade call still running (a join in its backoff, a put,
 * a get, a lookup, a request, an open subscription) is aborted with a PlexusError
 * `ERR_STOPPED` at once, instead of ending seconds later with whatever the stopped engine
 * makes of it (issue 17: a `connect()` rejected 7.8 s after `close()` with ERR_JOIN_FAILED).
 *
 * Each call gets its own AbortController (combined with the caller's signal by
 * `AbortSignal.any`), so the caller's signal and this node never collect one listener
 * per call. Bound: one entry per call in flight, removed when it settles; the engine's
 * request caps (`maxInFlightRequests`, `maxQueuedRequests`) bound how many make progress.
 */
export class InFlight {
  readonly #live = new Set<AbortController>();
  #stopped: PlexusError | undefined;

  /** True once {@link stop} ran. */
  get stopped(): boolean {
    return this.#stopped !== undefined;
  }

  /** A signal for one operation; already aborted with `ERR_STOPPED` after {@link stop}. */
  open(callerSignal: AbortSignal | undefined): OperationSignal {
    const controller = new AbortController();
    if (this.#stopped) controller.abort(this.#stopped);
    else this.#live.add(controller);
    const signal = callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal;
    return { signal, release: () => { this.#live.delete(controller); } };
  }

  /**
   * Runs `fn` with an operation signal and settles with it: `fn`'s outcome, or the signal's
   * reason as soon as it aborts (`ERR_STOPPED` at close), whichever comes first.
   */
  run<T>(callerSignal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const op = this.open(callerSignal);
    const aborted = new Promise<never>((_resolve, reject) => {
      if (op.signal.aborted) reject(op.signal.reason);
      else op.signal.addEventListener("abort", () => reject(op.signal.reason), { once: true });
    });
    aborted.catch(noop);
    let work: Promise<T>;
    try {
      work = fn(op.signal);
    } catch (error) {
      work = Promise.reject(error);
    }
    const settled = Promise.race([work, aborted]);
    settled.then(op.release, op.release);
    return settled;
  }

  /**
   * Checks `options` (a bad one is an `ERR_INVALID_ARGUMENT` rejection), then {@link run}s
   * `fn` with them and the operation signal. The promise is marked handled: a seed-style
   * caller may ignore it.
   */
  call<T>(options: PutOptions | undefined, fn: (options: OperationOptions) => Promise<T>): Promise<T> {
    try {
      const given = callOptions(options);
      return handled(this.run(given.signal, (signal) => fn({ ...given, signal })));
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }

  /** Aborts every operation in flight, and every later one, with PlexusError `ERR_STOPPED`. */
  stop(): void {
    this.#stopped ??= new PlexusError("ERR_STOPPED", "node is closed");
    const live = [...this.#live];
    this.#live.clear();
    for (const controller of live) controller.abort(this.#stopped);
  }
}
