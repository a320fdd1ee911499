import { EventEmitter } from "node:events";
import type { FoundItem } from "./seed/types.js";

/** Events of a {@link FindRequest} whose lookup finds a `T`. */
export interface FindEventMap<T = FoundItem> {
  /** Found: the item (`find({ key })`) or the node (`find({ key, type: "node" })`). */
  found: [result: T];
  /**
   * The lookup converged without a value, or failed. The original library's name for
   * "not found", kept for compatibility.
   */
  timeout: [];
  /** The lookup converged without a value (definite, unlike `timeout` after a failure). */
  notfound: [];
  /** The lookup failed (aborted, node closed, ...). Emitted only when someone listens. */
  error: [error: Error];
}

/**
 * The result of `node.find()`: an event emitter (`found`, `timeout`, `notfound`, `error`)
 * that is also awaitable, resolving to what was found (a {@link FoundItem}, or a
 * `SeedContact` with `type: "node"`) or `undefined`. Events fire asynchronously, so
 * listeners attached right after `find()` returns hear them.
 */
export class FindRequest<T = FoundItem> extends EventEmitter<FindEventMap<T>> implements PromiseLike<T | undefined> {
  /** The 32-byte key (or node id) looked up. */
  readonly key: Uint8Array;
  readonly #result: Promise<T | undefined>;

  /** @internal Wraps `lookup` (a promise of the result or `undefined`); built by `Node.find`. */
  constructor(key: Uint8Array, lookup: Promise<T | undefined>) {
    super();
    this.key = key;
    this.#result = lookup;
    this.#result.then((found) => this.#settle(found), (error: unknown) => this.#fail(error));
  }

  then<A = T | undefined, B = never>(
    onFulfilled?: ((found: T | undefined) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then(onFulfilled, onRejected);
  }

  #settle(found: T | undefined): void {
    if (found !== undefined) {
      this.emit("found", found);
      return;
    }
    this.emit("notfound");
    this.emit("timeout");
  }

  #fail(error: unknown): void {
    if (this.listenerCount("error") > 0) {
      this.emit("error", error instanceof Error ? error : new Error(String(error)));
    }
    this.emit("timeout");
  }
}
