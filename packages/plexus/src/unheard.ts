import type { EventEmitter } from "node:events";
import { isPlexusError } from "@plexus/core";
import { safeEmit } from "@plexus/node";
import { asError, noop } from "./handled.js";
import type { NodeEventMap } from "./types.js";

/** Something a caller may or may not have attached a handler to. */
export interface Observable {
  /** True once the caller called `then` (directly, or by `await`, `catch`, `finally`). */
  readonly observed: boolean;
}

/**
 * A promise that records whether its caller handled it. Seed-style calls return one: a
 * caller who awaits it sees the failure there, so it is not also printed as a warning.
 * `await` calls `then` on it (it is a subclass, so the engine does not take the native
 * fast path), and so do `catch` and `finally`.
 */
export class WatchedPromise<T> extends Promise<T> implements Observable {
  #observed = false;

  /** Derived promises (`then`, `catch`) are plain ones. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** `source` as a WatchedPromise, marked handled (ignoring it raises no unhandled rejection). */
  static of<T>(source: Promise<T>): WatchedPromise<T> {
    const watched = new WatchedPromise<T>((resolve, reject) => { source.then(resolve, reject); });
    Promise.prototype.then.call(watched, undefined, noop); // not through `then`: this is not the caller
    return watched;
  }

  get observed(): boolean {
    return this.#observed;
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

/**
 * Reports the failure of a seed-style call or of background work (the rule is in the
 * README, "Errors and listeners"): as an `error` event when someone listens (a throwing
 * `error` listener is rethrown like any listener, see `safeEmit`); otherwise, unless the
 * caller handled the call's promise (`call.observed`), as a process warning
 * (`PlexusWarning`, printed on stderr): never silently dropped, and never an uncaught
 * `error` event thrown from inside a socket or timer callback, which would take the
 * process down for a network condition such as a dead bootstrap. `ERR_STOPPED` after
 * `close()` is the expected end of what was in flight and is not reported.
 */
export function reportFailure(node: EventEmitter<NodeEventMap>, error: unknown, closed: boolean,
  call?: Observable): void {
  if (closed && isPlexusError(error, "ERR_STOPPED")) return;
  if (node.listenerCount("error") > 0) {
    safeEmit(node, noop, "error", asError(error));
    return;
  }
  if (call?.observed) return;
  const code = isPlexusError(error) ? error.code : undefined;
  process.emitWarning(`${asError(error).message} (listen for 'error' on the Node, or await the call, to handle it)`,
    code === undefined ? { type: "PlexusWarning" } : { type: "PlexusWarning", code });
}
