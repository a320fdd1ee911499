/** What a queue entry exposes: whether it still waits (aborted or cancelled ones are skipped lazily). */
export interface Queued {
  /** 0 while queued; anything else once launched or finished. */
  readonly state: number;
}

/**
 * A FIFO of requests waiting for an in-flight slot. Entries that stopped waiting (aborted,
 * cancelled) stay until they reach the head: `size` counts only those still waiting, as the
 * owner reports with {@link left}. Bound: the owner's cap on `size`, plus the finished
 * entries not yet at the head (compacted once they are half the array).
 */
export class RequestQueue<T extends Queued> {
  #items: T[] = [];
  #head = 0;
  #size = 0;

  /** Entries still waiting. */
  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    this.#items.push(item);
    this.#size++;
  }

  /** An entry stopped waiting without being taken (it was aborted or cancelled). */
  left(): void {
    this.#size--;
  }

  /** The oldest entry still waiting, removed; `undefined` when none waits. */
  take(): T | undefined {
    while (this.#head < this.#items.length) {
      const item = this.#items[this.#head++]!;
      if (item.state !== 0) continue;
      this.#size--;
      this.#compact();
      return item;
    }
    this.#compact();
    return undefined;
  }

  /** Every entry still waiting, removed (on stop). */
  drain(): T[] {
    const waiting = this.#items.slice(this.#head).filter((item) => item.state === 0);
    this.#items = [];
    this.#head = 0;
    this.#size = 0;
    return waiting;
  }

  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
