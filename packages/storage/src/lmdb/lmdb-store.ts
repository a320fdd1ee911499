import { ID_BYTES, PlexusError, assertNodeId } from "@plexus/core";
import type { Clock, RecordStore, StoredRecord } from "@plexus/core";
import type { Database, RootDatabase } from "lmdb";
import { cap } from "../cap.js";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_RECORDS, DEFAULT_MAX_VALUE_BYTES } from "../constants.js";
import { keyFromString, keyString } from "../key-string.js";
import type { MemoryStoreStats } from "../memory-store.js";
import { RecordIndex } from "../record-index.js";
import { assertStoredRecord, copyRecord, valueTooLargeError } from "../validate-record.js";
import { LmdbMeta } from "./lmdb-meta.js";
import { loadLmdb } from "./load-lmdb.js";
import type { LmdbMissingCode } from "./load-lmdb.js";
import { decodeStoredRecord, encodeStoredRecord, readRecordHeader } from "./lmdb-record-codec.js";

/** Error code of a failed disk write (the LMDB error is the `cause`). */
export type LmdbStoreErrorCode = "ERR_STORAGE_IO" | LmdbMissingCode;

/** Options of {@link createLmdbStore}. */
export interface LmdbStoreOptions {
  /** Directory of the environment (`data.mdb`, `lock.mdb`); created if missing. */
  readonly path: string;
  /**
   * Source of time for expiry. `expiresAt` is stored as clock time, so across restarts the
   * clock must keep counting from the same origin: use a wall-time clock (`now()` =
   * `Date.now()`), not a monotonic one that restarts at 0.
   */
  readonly clock: Clock;
  /** Most records held at once. @default 65_536 ({@link DEFAULT_MAX_RECORDS}) */
  readonly maxRecords?: number;
  /** Most value bytes held at once (keys, headers and B+tree overhead not counted). @default 64 MiB */
  readonly maxBytes?: number;
  /** Largest single value accepted. @default 64 KiB ({@link DEFAULT_MAX_VALUE_BYTES}) */
  readonly maxValueBytes?: number;
  /**
   * When a write resolves. `"flushed"`: after the commit is fsync'ed (survives power loss
   * as far as the disk honours fsync). `"committed"`: after the commit is written to the
   * file (survives a process crash, not necessarily power loss; faster).
   * @default "flushed"
   */
  readonly durability?: "flushed" | "committed";
}

/**
 * Counters of an LMDB store; a snapshot. No `memoryBytes`: the values stay on disk, and the
 * index costs ~150 bytes a record.
 */
export interface LmdbStoreStats extends Omit<MemoryStoreStats, "memoryBytes"> {
  /** Disk writes that failed (their put rejected with `ERR_STORAGE_IO`). */
  writeFailures: number;
  /** Writes issued and not yet committed. */
  pendingWrites: number;
}

/** A persistent {@link RecordStore} on LMDB, with a small named-blob ("meta") side. */
export interface LmdbStore extends RecordStore {
  /** The environment directory. */
  readonly path: string;
  /** A snapshot of the counters (expired records are purged first). */
  stats(): LmdbStoreStats;
  /**
   * A copy of the meta blob `name`, or `undefined`. Sees a `putMeta` once it resolved.
   * @throws PlexusError `ERR_STOPPED` after close, `ERR_INVALID_ARGUMENT` for a bad name
   */
  getMeta(name: string): Uint8Array | undefined;
  /**
   * Stores the meta blob `name` (1 to 100 characters); resolves once durable.
   * @throws PlexusError `ERR_STOPPED`, `ERR_INVALID_ARGUMENT`, `ERR_VALUE_TOO_LARGE` (over 16 MiB)
   */
  putMeta(name: string, bytes: Uint8Array): Promise<void>;
  /** Removes the meta blob `name`; resolves once durable. @throws PlexusError `ERR_STOPPED` */
  deleteMeta(name: string): Promise<void>;
  /**
   * Names of the meta blobs that start with `prefix`, in byte order (at most `limit`).
   * @throws PlexusError `ERR_STOPPED` after close
   */
  listMeta(prefix: string, limit?: number): string[];
}

/** A write in flight; identity tells whether a later write to the same key superseded it. */
interface PendingWrite {
  /** The record being written, or `undefined` for a removal. */
  readonly record: StoredRecord | undefined;
}

/**
 * Opens (creating if needed) a persistent {@link RecordStore} in the directory
 * `options.path`, with the memory store's semantics, caps and error codes.
 *
 * Opening scans the records once (O(n)) to rebuild the in-memory index of keys, sizes and
 * expiry times, and removes the records that expired while the store was closed. `get` is
 * synchronous (a memory-mapped read); `put` and `delete` resolve once the change is durable
 * (see {@link LmdbStoreOptions.durability}); a change is visible to `get`, `size` and
 * `entries` at once. One open store per directory: the index assumes a single writer.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for a bad cap, or a directory holding data
 *   this version cannot read; `ERR_LMDB_MISSING` when the optional peer dependency `lmdb`
 *   is not installed
 */
export async function createLmdbStore(options: LmdbStoreOptions): Promise<LmdbStore> {
  const store = new LmdbRecordStore(options);
  await store.load();
  return store;
}

/**
 * {@link createLmdbStore} for callers that cannot wait (a constructor): opens and indexes
 * the store synchronously; records that expired while closed are removed in one
 * synchronous, durable transaction. Same semantics and errors otherwise.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` as {@link createLmdbStore}
 */
export function createLmdbStoreSync(options: LmdbStoreOptions): LmdbStore {
  const store = new LmdbRecordStore(options);
  store.loadSync();
  return store;
}

class LmdbRecordStore implements LmdbStore {
  readonly path: string;
  readonly #clock: Clock;
  readonly #maxRecords: number;
  readonly #maxBytes: number;
  readonly #maxValueBytes: number;
  readonly #flush: boolean;
  readonly #root: RootDatabase;
  readonly #records: Database<Uint8Array, Uint8Array>;
  readonly #meta: LmdbMeta;
  readonly #index = new RecordIndex();
  /** Writes not yet committed, by packed key. Bound: writes in flight (lmdb-js applies backpressure). */
  readonly #pending = new Map<string, PendingWrite>();
  #closed = false;
  #expiredPurged = 0;
  #rejectedFull = 0;
  #rejectedTooLarge = 0;
  #writeFailures = 0;

  constructor(options: LmdbStoreOptions) {
    this.path = options.path;
    this.#clock = options.clock;
    this.#maxRecords = cap(options.maxRecords, DEFAULT_MAX_RECORDS, "maxRecords");
    this.#maxBytes = cap(options.maxBytes, DEFAULT_MAX_BYTES, "maxBytes");
    this.#maxValueBytes = cap(options.maxValueBytes, DEFAULT_MAX_VALUE_BYTES, "maxValueBytes");
    this.#flush = (options.durability ?? "flushed") === "flushed";
    // Sync stays on (no noSync / noMetaSync): LMDB's default fsync on commit.
    this.#root = loadLmdb().open({ path: options.path, noSubdir: false, maxDbs: 4 });
    this.#records = this.#root.openDB<Uint8Array, Uint8Array>({ name: "records", keyEncoding: "binary", encoding: "binary" });
    const meta = this.#root.openDB<Uint8Array, string>({ name: "meta", encoding: "binary" });
    this.#meta = new LmdbMeta(meta, () => this.#sync());
  }

  /** Rebuilds the index from disk and removes records that expired while closed. */
  async load(): Promise<void> {
    const expired = this.#scan();
    if (expired === undefined) {
      await this.#root.close();
      throw this.#unreadable();
    }
    await Promise.all(expired.map((key) => this.#records.remove(key)));
    await this.#sync();
  }

  /** {@link load}, synchronously (used by {@link createLmdbStoreSync}). */
  loadSync(): void {
    const expired = this.#scan();
    if (expired === undefined) {
      void this.#root.close();
      throw this.#unreadable();
    }
    if (expired.length > 0) this.#root.transactionSync(() => { for (const key of expired) this.#records.removeSync(key); });
  }

  /**
   * Indexes every live record on disk and returns the keys of those that expired while the
   * store was closed (counted as purged), or `undefined` at the first record this version
   * cannot read.
   */
  #scan(): Uint8Array[] | undefined {
    const now = this.#clock.now();
    const expired: Uint8Array[] = [];
    for (const { key, value } of this.#records.getRange()) {
      const header = key.length === ID_BYTES ? readRecordHeader(value) : undefined;
      if (header === undefined) return undefined;
      if (now >= header.expiresAt) expired.push(new Uint8Array(key));
      else this.#index.set(keyString(key), header.valueBytes, header.expiresAt);
    }
    this.#expiredPurged += expired.length;
    return expired;
  }

  #unreadable(): PlexusError {
    return new PlexusError("ERR_INVALID_ARGUMENT", `${this.path} holds a record this version cannot read`);
  }

  get size(): number {
    this.#purge();
    return this.#index.size;
  }

  get bytes(): number {
    this.#purge();
    return this.#index.bytes;
  }

  get(key: Uint8Array): StoredRecord | undefined {
    assertNodeId(key, "key");
    this.#purge();
    const id = keyString(key);
    return this.#index.get(id) === undefined ? undefined : this.#read(id);
  }

  async put(record: StoredRecord): Promise<void> {
    if (this.#closed) throw new PlexusError("ERR_STOPPED", "LMDB store is closed");
    assertStoredRecord(record);
    const length = record.value.length;
    if (length > this.#maxValueBytes) {
      this.#rejectedTooLarge++;
      throw valueTooLargeError(length, this.#maxValueBytes);
    }
    const now = this.#clock.now();
    this.#purge(now);
    const id = keyString(record.key);
    const prev = this.#index.get(id);
    if (now >= record.expiresAt) {
      // Replacing with an already-expired record leaves no live record for the key.
      if (prev) {
        this.#index.delete(id);
        await this.#write(id, undefined);
      }
      return;
    }
    this.#checkCaps(prev === undefined, this.#index.bytes - (prev?.valueBytes ?? 0) + length, length);
    const copy = copyRecord(record);
    this.#index.set(id, length, record.expiresAt);
    await this.#write(id, copy);
  }

  async delete(key: Uint8Array): Promise<boolean> {
    assertNodeId(key, "key");
    this.#purge();
    const id = keyString(key);
    if (this.#index.delete(id) === undefined) return false;
    await this.#write(id, undefined);
    return true;
  }

  *entries(): Generator<StoredRecord, void, undefined> {
    this.#purge();
    // Live Map iteration: deletions ahead of the cursor are skipped, insertions are visited.
    for (const entry of this.#index.values()) {
      if (this.#clock.now() >= entry.expiresAt) continue;
      const record = this.#read(entry.id);
      if (record !== undefined) yield record;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#index.clear();
    // lmdb-js finishes the writes already queued before it closes the environment.
    await this.#root.close();
  }

  stats(): LmdbStoreStats {
    this.#purge();
    return {
      records: this.#index.size,
      bytes: this.#index.bytes,
      expiredPurged: this.#expiredPurged,
      rejectedFull: this.#rejectedFull,
      rejectedTooLarge: this.#rejectedTooLarge,
      writeFailures: this.#writeFailures,
      pendingWrites: this.#pending.size,
    };
  }

  getMeta(name: string): Uint8Array | undefined {
    this.#assertOpen();
    return this.#meta.get(name);
  }

  async putMeta(name: string, bytes: Uint8Array): Promise<void> {
    this.#assertOpen();
    await this.#meta.put(name, bytes);
  }

  async deleteMeta(name: string): Promise<void> {
    this.#assertOpen();
    await this.#meta.delete(name);
  }

  listMeta(prefix: string, limit = Number.POSITIVE_INFINITY): string[] {
    this.#assertOpen();
    return this.#meta.list(prefix, limit);
  }

  #assertOpen(): void {
    if (this.#closed) throw new PlexusError("ERR_STOPPED", "LMDB store is closed");
  }

  /** The record for `id` as last written: in flight if a write is pending, else from disk. */
  #read(id: string): StoredRecord | undefined {
    const pending = this.#pending.get(id);
    if (pending !== undefined) return pending.record;
    const key = keyFromString(id);
    const entry = this.#records.getBinaryFast(key);
    return entry === undefined ? undefined : decodeStoredRecord(key, entry);
  }

  /** Writes (or with `undefined`, removes) the record for `id`; resolves once durable. */
  async #write(id: string, record: StoredRecord | undefined): Promise<void> {
    const key = keyFromString(id);
    const token: PendingWrite = { record };
    this.#pending.set(id, token);
    try {
      await (record ? this.#records.put(key, encodeStoredRecord(record)) : this.#records.remove(key));
    } catch (err) {
      this.#writeFailures++;
      if (this.#pending.get(id) === token) {
        this.#pending.delete(id);
        this.#resync(id);
      }
      throw new PlexusError<LmdbStoreErrorCode>("ERR_STORAGE_IO", `LMDB write failed in ${this.path}`, { cause: err });
    }
    if (this.#pending.get(id) === token) this.#pending.delete(id);
    await this.#sync();
  }

  /** After a failed write, makes the index agree with what is on disk for `id`. */
  #resync(id: string): void {
    if (this.#closed) return;
    this.#index.delete(id);
    const record = this.#read(id);
    if (record !== undefined && this.#clock.now() < record.expiresAt) {
      this.#index.set(id, record.value.length, record.expiresAt);
    }
  }

  /** Waits for the last commit to reach the disk when durability is "flushed". */
  async #sync(): Promise<void> {
    if (this.#flush) await this.#root.flushed;
  }

  #checkCaps(isNew: boolean, bytesAfter: number, length: number): void {
    if (isNew && this.#index.size >= this.#maxRecords) {
      this.#rejectedFull++;
      throw new PlexusError(
        "ERR_STORE_FULL",
        `store is full: it holds ${this.#index.size} of at most ${this.#maxRecords} records`,
      );
    }
    if (bytesAfter > this.#maxBytes) {
      this.#rejectedFull++;
      throw new PlexusError(
        "ERR_STORE_FULL",
        `store is full: a ${length}-byte value would bring it to ${bytesAfter} of at most ${this.#maxBytes} bytes (${this.#index.bytes} held)`,
      );
    }
  }

  /**
   * Drops every record with `expiresAt <= now` from the index at once and queues its
   * removal from disk (batched by lmdb-js into the next commit); amortized O(log n) each.
   */
  #purge(now = this.#clock.now()): void {
    for (let e = this.#index.popExpired(now); e !== undefined; e = this.#index.popExpired(now)) {
      this.#expiredPurged++;
      if (!this.#closed) this.#write(e.id, undefined).catch(() => undefined); // counted in writeFailures
    }
  }
}
