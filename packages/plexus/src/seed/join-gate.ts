const settle = (): void => undefined;

/**
 * Makes the original library's call order work: `connect()` and then, without waiting,
 * `store()`, `find()`, `broadcast()`, `message()`. A seed-style call waits until every join
 * started before it has settled (joined or failed), and a `find` of a key also waits for
 * this node's `store`s of that key in flight, so it reads its own writes. Without a join
 * in flight nothing waits.
 */
export class JoinGate {
  /** Joins in flight: one per `connect()` not yet settled (each bounded by `joinAttempts`). */
  readonly #joins = new Set<Promise<unknown>>();
  /** Stores in flight by key: one per `store()` not yet settled (each bounded by its lookup deadline). */
  readonly #stores = new Map<string, Set<Promise<unknown>>>();

  /** Tracks a join until it settles. */
  join(joining: Promise<unknown>): void {
    const done = joining.then(settle, settle);
    this.#joins.add(done);
    void done.then(() => this.#joins.delete(done));
  }

  /** Tracks a store of `key` (its canonical hex) until it settles. */
  store(key: string, storing: Promise<unknown>): void {
    const done = storing.then(settle, settle);
    let set = this.#stores.get(key);
    if (!set) this.#stores.set(key, (set = new Set()));
    set.add(done);
    void done.then(() => {
      set.delete(done);
      if (set.size === 0 && this.#stores.get(key) === set) this.#stores.delete(key);
    });
  }

  /** Resolves once the joins in flight now have settled (at once when there are none). */
  joined(): Promise<void> {
    return this.#joins.size === 0 ? Promise.resolve() : Promise.all(this.#joins).then(settle);
  }

  /** Resolves once the stores of `key` in flight now have settled. */
  stored(key: string): Promise<void> {
    const set = this.#stores.get(key);
    return set === undefined ? Promise.resolve() : Promise.all(set).then(settle);
  }
}
