import { expiryHeap, type HeapItem } from "./expiry-heap.js";

/** What the index keeps per record: enough for caps and expiry, not the value. */
export interface IndexEntry extends HeapItem {
  /** The key packed by `keyString`. */
  readonly id: string;
  readonly valueBytes: number;
}

/**
 * The in-memory accounting of a persistent store: which keys are live, their value sizes
 * and expiry, in a `Map` plus an indexed expiry heap. It makes `size`, `bytes`, cap checks
 * and the expiry sweep synchronous and exact even while writes are still committing.
 * Bound: one entry (about 150 bytes) per live record, so at most the store's record cap
 * (or the records found on disk at open, if the cap was lowered since).
 */
export class RecordIndex {
  /** Live entries by packed key. Bound: see the class comment. */
  readonly #entries = new Map<string, IndexEntry>();
  /** The same entries ordered by expiry. Bound: exactly `#entries.size`. */
  readonly #heap = expiryHeap<IndexEntry>();
  #bytes = 0;

  /** Number of entries. */
  get size(): number {
    return this.#entries.size;
  }

  /** Sum of the entries' value bytes. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The entry for `id`, if any. */
  get(id: string): IndexEntry | undefined {
    return this.#entries.get(id);
  }

  /** Adds or replaces the entry for `id`. */
  set(id: string, valueBytes: number, expiresAt: number): void {
    const prev = this.#entries.get(id);
    const entry: IndexEntry = { id, valueBytes, expiresAt, heapIndex: -1 };
    this.#entries.set(id, entry);
    this.#bytes += valueBytes - (prev?.valueBytes ?? 0);
    if (prev) this.#heap.replace(prev, entry);
    else this.#heap.push(entry);
  }

  /** Removes the entry for `id`; returns it, or `undefined` when absent. */
  delete(id: string): IndexEntry | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    this.#heap.remove(entry);
    this.#entries.delete(id);
    this.#bytes -= entry.valueBytes;
    return entry;
  }

  /** Removes and returns the entry that expires first if it has expired at `now`. */
  popExpired(now: number): IndexEntry | undefined {
    const top = this.#heap.peek();
    if (top === undefined || top.expiresAt > now) return undefined;
    return this.delete(top.id);
  }

  /** Live iteration (deletions ahead of the cursor are skipped, insertions visited). */
  values(): IterableIterator<IndexEntry> {
    return this.#entries.values();
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
    this.#heap.clear();
    this.#bytes = 0;
  }
}
