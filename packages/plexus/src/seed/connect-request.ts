import { EventEmitter } from "node:events";
import { asError } from "../handled.js";
import type { SeedContact } from "./types.js";

/** Events of a {@link ConnectRequest}. */
export interface ConnectEventMap {
  /** A bootstrap node answered: its contact (the node emits `connected` with it too). */
  connected: [contact: SeedContact];
  /** No bootstrap node answered (`ERR_JOIN_FAILED`), or the join failed otherwise. */
  timeout: [];
  /** The join failed: the error. Emitted only when someone listens. */
  error: [error: Error];
}

/**
 * What `node.connect()` returns. The original library returned an event emitter for the
 * handshake; this is one (`connected`, `timeout`, `error`) and is also awaitable: it
 * resolves once the join is complete and rejects when it failed, so
 * `await node.connect(address)` works as in the promise API. The join is complete once the
 * node looked up its own id; its far buckets fill in the background after that (the engine's
 * `joinWaitsForFarBuckets` waits for them too). Events fire asynchronously,
 * so listeners attached right after `connect()` returns hear them.
 */
export class ConnectRequest extends EventEmitter<ConnectEventMap> implements PromiseLike<void> {
  readonly #result: Promise<void>;
  #observed = false;

  /**
   * @internal Built by `Node.connect`: `joining` resolves to the bootstrap contacts that
   * answered once the join is complete; it must already be marked handled.
   */
  constructor(joining: Promise<readonly SeedContact[]>) {
    super();
    this.#result = joining.then(() => undefined);
    this.#result.catch(() => undefined);
    joining.then((contacts) => {
      for (const contact of contacts) this.emit("connected", contact);
    }, (error: unknown) => {
      if (this.listenerCount("error") > 0) this.emit("error", asError(error));
      this.emit("timeout");
    });
  }

  /** True once the caller handled the result (`await`, `then`, `catch`, `finally`, or a `timeout`/`error` listener). */
  get observed(): boolean {
    return this.#observed || this.listenerCount("timeout") > 0 || this.listenerCount("error") > 0;
  }

  then<A = void, B = never>(
    onFulfilled?: ((value: void) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#observed = true;
    return this.#result.then(onFulfilled, onRejected);
  }

  /** Same as `then(undefined, onRejected)`, so code written for a promise keeps working. */
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<void | B> {
    this.#observed = true;
    return this.#result.catch(onRejected);
  }

  /** Same as a promise's `finally`. */
  finally(onFinally?: (() => void) | null): Promise<void> {
    this.#observed = true;
    return this.#result.finally(onFinally);
  }
}
