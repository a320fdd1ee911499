import { EventEmitter } from "node:events";
import type { Item } from "./types.js";

/** Events of a {@link FindRequest}. */
export interface FindEventMap<V = unknown> {
  /** The item was found. */
  found: [item: Item<V>];
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
 * that is also awaitable, resolving to the item or `undefined`. Events fire
 * asynchronously, so listeners attached right after `find()` returns hear them.
 */
export class FindRequest<V = unknown> extends EventEmitter<FindEventMap<V>> implements PromiseLike<Item<V> | undefined> {
  /** The 32-byte key looked up. */
  readonly key: Uint8Array;
  readonly #result: Promise<Item<V> | undefined>;

  /** @internal Wraps `lookup` (a promise of the value or `undefined`); built by `Node.find`. */
  constructor(key: Uint8Array, lookup: Promise<V | undefined>) {
    super();
    this.key = key;
    this.#result = lookup.then((value) => (value === undefined ? undefined : { key, value }));
    this.#result.then((item) => this.#settle(item), (error: unknown) => this.#fail(error));
  }

  then<A = Item<V> | undefined, B = never>(
    onFulfilled?: ((item: Item<V> | undefined) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then(onFulfilled, onRejected);
  }

  #settle(item: Item<V> | undefined): void {
    if (item !== undefined) {
      this.emit("found", item);
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
