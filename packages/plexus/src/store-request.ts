import type { SeedItem, SeedStoredItem } from "./seed/types.js";

/**
 * The result of `node.store()`: the item (`key`, `value`, `publisher`, `timestamp`, as the
 * original library returned it) at once, and awaitable: it resolves to the
 * {@link SeedStoredItem} (with the number of acknowledgements) when the STOREs are
 * answered, or rejects when the store failed.
 */
export class StoreRequest<V = unknown> implements SeedItem<V>, PromiseLike<SeedStoredItem<V>> {
  readonly key: string;
  readonly value: V;
  readonly publisher: string;
  readonly timestamp: number;
  readonly #result: Promise<SeedStoredItem<V>>;
  #observed = false;

  /** @internal Built by `Node.store`; `result` must already be marked handled. */
  constructor(item: SeedItem<V>, result: Promise<{ stored: number; failed: number; local: boolean }>) {
    this.key = item.key;
    this.value = item.value;
    this.publisher = item.publisher;
    this.timestamp = item.timestamp;
    this.#result = result.then(({ stored, failed, local }) => ({ ...item, stored, failed, local }));
    this.#result.catch(() => undefined);
  }

  /** True once the caller attached a handler (`await`, `then`): a failure then is not also a warning. */
  get observed(): boolean {
    return this.#observed;
  }

  then<A = SeedStoredItem<V>, B = never>(
    onFulfilled?: ((item: SeedStoredItem<V>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#observed = true;
    return this.#result.then(onFulfilled, onRejected);
  }
}
