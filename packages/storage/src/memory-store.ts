import { PlexusError, assertNodeId } from "@plexus/core";
import type { Clock, RecordStore, StoredRecord } from "@plexus/core";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_MEMORY_BYTES, DEFAULT_MAX_RECORDS, DEFAULT_MAX_VALUE_BYTES } from "./constants.js";
import { cap } from "./cap.js";
import { expiryHeap, type HeapItem } from "./expiry-heap.js";
import { keyString } from "./key-string.js";
import { recordMemoryBytes } from "./memory-size.js";
import { assertStoredRecord, copyRecord, valueTooLargeError } from "./validate-record.js";

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Source of time for expiry; the store sets no timers. */
  readonly clock: Clock;
  /** Most records held at once. @default 65_536 ({@link DEFAULT_MAX_RECORDS}) */
  readonly maxRecords?: number;
  /** Most value bytes held at once (keys and overhead not counted). @default 64 MiB */
  readonly maxBytes?: number;
  /**
   * Most memory the records take at once, as estimated by `recordMemoryBytes` (value, key,
   * publisher and per-record overhead): the cap that bounds the process, where `maxBytes`
   * counts values only. @default 64 MiB ({@link DEFAULT_MAX_MEMORY_BYTES})
   */
  readonly maxMemoryBytes?: number;
  /** Largest single value accepted. @default 64 KiB ({@link DEFAULT_MAX_VALUE_BYTES}) */
  readonly maxValueBytes?: number;
}

/** Counters of a memory store; a snapshot. */
export interface MemoryStoreStats {
  /** Live records held. */
  records: number;
  /** Value bytes of the live records. */
  bytes: number;
  /** Estimated memory of the live records (`recordMemoryBytes` summed). */
  memoryBytes: number;
  /** Records dropped because they expired. */
  expiredPurged: number;
  /** Puts rejected with `ERR_STORE_FULL`. */
  rejectedFull: number;
  /** Puts rejected with `ERR_VALUE_TOO_LARGE`. */
  rejectedTooLarge: number;
}

/** A {@link RecordStore} held in memory, with counters. */
export interface MemoryStore extends RecordStore {
  /** A snapshot of the counters (expired records are purged first). */
  stats(): MemoryStoreStats;
}

interface Entry extends HeapItem {
  readonly id: string;
  readonly record: StoredRecord;
  /** `recordMemoryBytes(record)`, kept so removal subtracts what insertion added. */
  readonly memory: number;
}

/**
 * Creates an in-memory {@link RecordStore} with TTL expiry on the injected clock and caps
 * on record count, total bytes and value size.
 *
 * Expiry needs no timer: an indexed min-heap on `expiresAt` is drained of every expired
 * record at the start of each operation, so `get`, `size`, `bytes` and `entries` never see
 * an expired record, and each record costs one O(log n) removal over its life. A record is
 * expired when `clock.now() >= expiresAt`. `put` copies key, value and publisher; `get`
 * and `entries` return the store's own frozen record object, whose byte arrays must be
 * treated as read-only. `entries()` iterates the live `Map`: records deleted before the
 * iterator reaches them are skipped, records inserted during iteration are visited.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` when a cap is not a non-negative integer
 */
export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  return new MemoryRecordStore(options);
}

class MemoryRecordStore implements MemoryStore {
  readonly #clock: Clock;
  readonly #maxRecords: number;
  readonly #maxBytes: number;
  readonly #maxValueBytes: number;
  readonly #maxMemoryBytes: number;
  /** Live records by packed key. Bound: `maxRecords` (checked in `put`). */
  readonly #records = new Map<string, Entry>();
  /** The same entries ordered by expiry. Bound: exactly `#records.size`. */
  readonly #expiry = expiryHeap<Entry>();
  #bytes = 0;
  #memoryBytes = 0;
  #closed = false;
  #expiredPurged = 0;
  #rejectedFull = 0;
  #rejectedTooLarge = 0;

  constructor(options: MemoryStoreOptions) {
    this.#clock = options.clock;
    this.#maxRecords = cap(options.maxRecords, DEFAULT_MAX_RECORDS, "maxRecords");
    this.#maxBytes = cap(options.maxBytes, DEFAULT_MAX_BYTES, "maxBytes");
    this.#maxValueBytes = cap(options.maxValueBytes, DEFAULT_MAX_VALUE_BYTES, "maxValueBytes");
    this.#maxMemoryBytes = cap(options.maxMemoryBytes, DEFAULT_MAX_MEMORY_BYTES, "maxMemoryBytes");
  }

  get size(): number {
    this.#purge();
    return this.#records.size;
  }

  get bytes(): number {
    this.#purge();
    return this.#bytes;
  }

  get(key: Uint8Array): StoredRecord | undefined {
    assertNodeId(key, "key");
    this.#purge();
    return this.#records.get(keyString(key))?.record;
  }

  async put(record: StoredRecord): Promise<void> {
    if (this.#closed) throw new PlexusError("ERR_STOPPED", "memory store is closed");
    assertStoredRecord(record);
    const length = record.value.length;
    if (length > this.#maxValueBytes) {
      this.#rejectedTooLarge++;
      throw valueTooLargeError(length, this.#maxValueBytes);
    }
    const now = this.#clock.now();
    this.#purge(now);
    const id = keyString(record.key);
    const prev = this.#records.get(id);
    if (now >= record.expiresAt) {
      // Replacing with an already-expired record leaves no live record for the key.
      if (prev) this.#remove(prev);
      return;
    }
    const bytes = this.#bytes - (prev?.record.value.length ?? 0) + length;
    const memory = recordMemoryBytes(record);
    const memoryBytes = this.#memoryBytes - (prev?.memory ?? 0) + memory;
    this.#checkCaps(prev === undefined, bytes, length);
    this.#checkMemory(memoryBytes, memory);
    const entry: Entry = { id, record: copyRecord(record), memory, expiresAt: record.expiresAt, heapIndex: -1 };
    this.#records.set(id, entry);
    this.#bytes = bytes;
    this.#memoryBytes = memoryBytes;
    if (prev) this.#expiry.replace(prev, entry);
    else this.#expiry.push(entry);
  }

  async delete(key: Uint8Array): Promise<boolean> {
    assertNodeId(key, "key");
    this.#purge();
    const entry = this.#records.get(keyString(key));
    if (!entry) return false;
    this.#remove(entry);
    return true;
  }

  *entries(): Generator<StoredRecord, void, undefined> {
    this.#purge();
    // Live Map iteration: deletions ahead of the cursor are skipped, insertions are visited.
    for (const entry of this.#records.values()) {
      if (this.#clock.now() < entry.expiresAt) yield entry.record;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#records.clear();
    this.#expiry.clear();
    this.#bytes = 0;
    this.#memoryBytes = 0;
  }

  stats(): MemoryStoreStats {
    this.#purge();
    return {
      records: this.#records.size,
      bytes: this.#bytes,
      memoryBytes: this.#memoryBytes,
      expiredPurged: this.#expiredPurged,
      rejectedFull: this.#rejectedFull,
      rejectedTooLarge: this.#rejectedTooLarge,
    };
  }

  #checkCaps(isNew: boolean, bytesAfter: number, length: number): void {
    if (isNew && this.#records.size >= this.#maxRecords) {
      this.#rejectedFull++;
      throw new PlexusError(
        "ERR_STORE_FULL",
        `store is full: it holds ${this.#records.size} of at most ${this.#maxRecords} records`,
      );
    }
    if (bytesAfter > this.#maxBytes) {
      this.#rejectedFull++;
      throw new PlexusError(
        "ERR_STORE_FULL",
        `store is full: a ${length}-byte value would bring it to ${bytesAfter} of at most ${this.#maxBytes} bytes (${this.#bytes} held)`,
      );
    }
  }

  #checkMemory(memoryAfter: number, memory: number): void {
    if (memoryAfter <= this.#maxMemoryBytes) return;
    this.#rejectedFull++;
    throw new PlexusError(
      "ERR_STORE_FULL",
      `store is full: a record of ~${memory} bytes in memory would bring it to ${memoryAfter} of at most ${this.#maxMemoryBytes}`,
    );
  }

  /** Drops every record with `expiresAt <= now`; amortized O(log n) per record. */
  #purge(now = this.#clock.now()): void {
    for (let top = this.#expiry.peek(); top !== undefined && top.expiresAt <= now; top = this.#expiry.peek()) {
      this.#remove(top);
      this.#expiredPurged++;
    }
  }

  #remove(entry: Entry): void {
    this.#expiry.remove(entry);
    this.#records.delete(entry.id);
    this.#bytes -= entry.record.value.length;
    this.#memoryBytes -= entry.memory;
  }
}
