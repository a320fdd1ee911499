/** An item the {@link ExpiryHeap} orders: it records its own position for O(log n) removal. */
export interface HeapItem {
  /** Clock time (ms) at which the item expires; the heap orders by it, smallest first. */
  readonly expiresAt: number;
  /** Position in the heap array; -1 when not in a heap. Owned by the heap. */
  heapIndex: number;
}

/**
 * An indexed binary min-heap on `expiresAt`. Each item stores its own index, so `remove`
 * and `replace` are O(log n) without lazy tombstones: the heap never holds more items
 * than the store holds records (bound: the store's `maxRecords`).
 */
export class ExpiryHeap<T extends HeapItem> {
  #items: T[] = [];

  /** Number of items in the heap. */
  get size(): number {
    return this.#items.length;
  }

  /** The item that expires first, or `undefined` when empty. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Adds `item`. */
  push(item: T): void {
    item.heapIndex = this.#items.length;
    this.#items.push(item);
    this.#up(item.heapIndex);
  }

  /** Removes and returns the item that expires first. */
  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes `item` if it is in this heap. */
  remove(item: T): void {
    const i = item.heapIndex;
    if (this.#items[i] !== item) return;
    const last = this.#items.pop()!;
    item.heapIndex = -1;
    if (last !== item) {
      this.#set(i, last);
      this.#fix(i);
    }
  }

  /** Puts `next` in the place of `prev` (same key, new expiry) and restores order. */
  replace(prev: T, next: T): void {
    const i = prev.heapIndex;
    if (this.#items[i] !== prev) {
      this.push(next);
      return;
    }
    prev.heapIndex = -1;
    this.#set(i, next);
    this.#fix(i);
  }

  /** Empties the heap. */
  clear(): void {
    for (const item of this.#items) item.heapIndex = -1;
    this.#items = [];
  }

  #set(i: number, item: T): void {
    this.#items[i] = item;
    item.heapIndex = i;
  }

  #fix(i: number): void {
    if (!this.#up(i)) this.#down(i);
  }

  /** Sifts up; returns whether the item moved. */
  #up(start: number): boolean {
    const h = this.#items;
    let i = start;
    const item = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (parent.expiresAt <= item.expiresAt) break;
      this.#set(i, parent);
      i = p;
    }
    this.#set(i, item);
    return i !== start;
  }

  #down(start: number): void {
    const h = this.#items;
    const n = h.length;
    let i = start;
    const item = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r]!.expiresAt < h[l]!.expiresAt ? r : l;
      const child = h[c]!;
      if (child.expiresAt >= item.expiresAt) break;
      this.#set(i, child);
      i = c;
    }
    this.#set(i, item);
  }
}
