import type { Item, StoredItem } from "./types.js";

/**
 * The result of `node.store()`: the item (`key`, `value`) at once, and awaitable: it
 * resolves to the {@link StoredItem} (with the number of acknowledgements) when the
 * STOREs are answered, or rejects when the store failed.
 */
export class StoreRequest<V = unknown> implements Item<V>, PromiseLike<StoredItem<V>> {
  #observed = false;
  /** The 32-byte key the value is stored under. */
  readonly key: Uint8Array;
  /** The value as given. */
  readonly value: V;
  readonly #result: Promise<StoredItem<V>>;

  /** @internal Built by `Node.store`; `result` must already be marked handled. */
  constructor(key: Uint8Array, value: V, result: Promise<StoredItem<V>>) {
    this.key = key;
    this.value = value;
    this.#result = result;
  }

  /** True once the caller attached a handler (`await`, `then`): a failure then is not also a warning. */
  get observed(): boolean {
    return this.#observed;
  }

  then<A = StoredItem<V>, B = never>(
    onFulfilled?: ((item: StoredItem<V>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#observed = true;
    return this.#result.then(onFulfilled, onRejected);
  }
}
