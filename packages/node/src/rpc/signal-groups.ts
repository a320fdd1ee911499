/** The items watched under one signal and that signal's single abort listener. */
interface Group<T> {
  readonly items: Set<T>;
  readonly onAbort: () => void;
}

/**
 * Items (requests) grouped by the caller's `AbortSignal`, with ONE abort listener per
 * signal however many items share it: a put sends k STOREs on the caller's signal, which
 * must not collect k listeners (Node warns past 10). The listener is removed with the
 * signal's last item; on abort every item of the group is handed to `onAbort`.
 */
export class SignalGroups<T> {
  readonly #onAbort: (item: T) => void;
  /** Bound: one entry per signal that has a watched item (at most the items watched). Made on the first add. */
  #groups: Map<AbortSignal, Group<T>> | undefined;

  constructor(onAbort: (item: T) => void) {
    this.#onAbort = onAbort;
  }

  /** Watches `item` under `signal`, adding the signal's listener if it has none yet. */
  add(signal: AbortSignal, item: T): void {
    const groups = (this.#groups ??= new Map());
    let group = groups.get(signal);
    if (!group) {
      const items = new Set<T>();
      const onAbort = (): void => {
        groups.delete(signal);
        for (const it of items) this.#onAbort(it);
      };
      group = { items, onAbort };
      groups.set(signal, group);
      signal.addEventListener("abort", onAbort, { once: true });
    }
    group.items.add(item);
  }

  /** Stops watching `item`; the signal's listener goes with its last item. */
  delete(signal: AbortSignal, item: T): void {
    const group = this.#groups?.get(signal);
    if (!group?.items.delete(item) || group.items.size > 0) return;
    this.#groups!.delete(signal);
    signal.removeEventListener("abort", group.onAbort);
  }
}
