import { PlexusError } from "@plexus/core";
import type { Database } from "lmdb";
import { MAX_META_NAME_LENGTH, MAX_META_VALUE_BYTES } from "./constants.js";

/**
 * The named-blob side of the LMDB store (its `meta` database): small values the node keeps
 * across restarts, such as its identity and routing table. Names are strings, values
 * opaque bytes. Reads see a write once its promise has resolved.
 */
export class LmdbMeta {
  readonly #db: Database<Uint8Array, string>;
  readonly #sync: () => Promise<void>;

  /** `sync` is awaited after each commit (the store's durability setting). */
  constructor(db: Database<Uint8Array, string>, sync: () => Promise<void>) {
    this.#db = db;
    this.#sync = sync;
  }

  /** A copy of the bytes stored under `name`, or `undefined`. */
  get(name: string): Uint8Array | undefined {
    assertMetaName(name);
    const found = this.#db.getBinaryFast(name);
    // Copy out of LMDB's reused read buffer into a plain Uint8Array.
    return found === undefined ? undefined : new Uint8Array(found.buffer, found.byteOffset, found.length).slice();
  }

  /** Stores a copy of `bytes` under `name`; resolves once durable. */
  async put(name: string, bytes: Uint8Array): Promise<void> {
    assertMetaName(name);
    if (!(bytes instanceof Uint8Array)) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", "meta value must be a Uint8Array");
    }
    if (bytes.length > MAX_META_VALUE_BYTES) {
      throw new PlexusError(
        "ERR_VALUE_TOO_LARGE",
        `meta value is ${bytes.length} bytes; at most ${MAX_META_VALUE_BYTES} bytes are accepted`,
      );
    }
    await this.#db.put(name, bytes);
    await this.#sync();
  }

  /** Names starting with `prefix`, in byte order, at most `limit`. */
  list(prefix: string, limit: number): string[] {
    const out: string[] = [];
    for (const name of this.#db.getKeys({ start: prefix })) {
      if (typeof name !== "string" || !name.startsWith(prefix) || out.length >= limit) break;
      out.push(name);
    }
    return out;
  }

  /** Removes `name` (a no-op when absent); resolves once durable. */
  async delete(name: string): Promise<void> {
    assertMetaName(name);
    await this.#db.remove(name);
    await this.#sync();
  }
}

function assertMetaName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_META_NAME_LENGTH) {
    throw new PlexusError(
      "ERR_INVALID_ARGUMENT",
      `meta name must be a string of 1 to ${MAX_META_NAME_LENGTH} characters, got ${String(name)}`,
    );
  }
}
