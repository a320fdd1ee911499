/** An item an {@link IndexedHeap} orders: it records its own position for O(log n) updates. */
export interface Indexed {
  /** Position in the heap array; -1 when not in a heap. Owned by the heap. */
  heapIndex: number;
}

/**
 * A binary heap whose items know their index, so `remove`, `replace` and `update` (after an
 * item's key changed) are O(log n) without tombstones. `before(a, b)` is true when `a`
 * belongs nearer the top. Bound: the items its owner pushes (the owner states the bound).
 * The record store orders by expiry with it, the engine's per-prefix quotas by load and expiry.
 */
export class IndexedHeap<T extends Indexed> {
  readonly #before: (a: T, b: T) => boolean;
  readonly #items: T[] = [];

  constructor(before: (a: T, b: T) => boolean) {
    this.#before = before;
  }

  /** Number of items. */
  get size(): number {
    return this.#items.length;
  }

  /** The top item, or `undefined` when empty. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Adds `item` (not already in a heap). */
  push(item: T): void {
    item.heapIndex = this.#items.length;
    this.#items.push(item);
    this.#up(item.heapIndex);
  }

  /** Removes and returns the top item, or `undefined` when empty. */
  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes `item` if it is in this heap. */
  remove(item: T): void {
    const i = item.heapIndex;
    if (i < 0 || this.#items[i] !== item) return;
    const last = this.#items.pop()!;
    item.heapIndex = -1;
    if (last === item) return;
    this.#set(i, last);
    this.update(last);
  }

  /** Puts `next` in the place of `prev` and restores order; pushes `next` when `prev` is not here. */
  replace(prev: T, next: T): void {
    const i = prev.heapIndex;
    if (i < 0 || this.#items[i] !== prev) {
      this.push(next);
      return;
    }
    prev.heapIndex = -1;
    this.#set(i, next);
    this.update(next);
  }

  /** Restores order after `item`'s key changed. */
  update(item: T): void {
    if (item.heapIndex < 0) return;
    this.#up(item.heapIndex);
    this.#down(item.heapIndex);
  }

  /** Forgets every item. */
  clear(): void {
    for (const item of this.#items) item.heapIndex = -1;
    this.#items.length = 0;
  }

  #up(i: number): void {
    const items = this.#items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(items[i]!, items[parent]!)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    const items = this.#items;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let top = i;
      if (l < items.length && this.#before(items[l]!, items[top]!)) top = l;
      if (r < items.length && this.#before(items[r]!, items[top]!)) top = r;
      if (top === i) return;
      this.#swap(i, top);
      i = top;
    }
  }

  #set(i: number, item: T): void {
    this.#items[i] = item;
    item.heapIndex = i;
  }

  #swap(i: number, j: number): void {
    const a = this.#items[i]!, b = this.#items[j]!;
    this.#set(i, b);
    this.#set(j, a);
  }
}
