import { toHex } from "@plexus/core";
import type { Contact } from "@plexus/core";
import { createIdentity, identityFromPrivateKey } from "@plexus/node";
import type { NodeIdentity, NodeState, PublishedItem } from "@plexus/node";
import type { LmdbStore } from "@plexus/storage/lmdb";
import type { DataDirLock } from "./data-dir-lock.js";
import { Packr } from "msgpackr";

/** Meta entry holding the identity's 32-byte private key. */
const IDENTITY_META = "identity";
/** Meta entry holding the routing table's contacts. */
const TABLE_META = "routing-table";
/** Prefix of the meta entries of items this node republishes as publisher (one per key). */
const PUBLISHED_PREFIX = "published/";
/** Most contacts read back (the engine saves at most MAX_SAVED_CONTACTS = 1024). */
const MAX_READ_CONTACTS = 1024;


/**
 * What a persistent facade node keeps in its LMDB store's meta side, next to the records:
 * the identity (so the node id survives restarts), and, as the engine's `NodeState`
 * component, the routing table (so a restart rejoins through the saved contacts, no
 * bootstrap needed) and the items it publishes (so its republish duty survives restarts).
 * Records themselves live in the same LMDB store.
 */
export class NodePersistence implements NodeState {
  readonly store: LmdbStore;
  /** The data directory's lock, released by {@link close}. */
  readonly #lock: DataDirLock;
  /** Packs the saved contacts and items (one per node: no state shared between nodes). */
  readonly #packr = new Packr({ useRecords: false, mapsAsObjects: false, int64AsType: "number" });

  constructor(store: LmdbStore, lock: DataDirLock) {
    this.store = store;
    this.#lock = lock;
  }

  /** Closes the LMDB store, then releases the data directory's lock. */
  async close(): Promise<void> {
    try {
      await this.store.close();
    } finally {
      this.#lock.release();
    }
  }

  /**
   * The identity to run with: `given` (saved, replacing any other), else the saved one,
   * else a fresh one (saved); with a promise that resolves once it is durable (await it
   * before announcing the id).
   */
  identity(given?: NodeIdentity): { identity: NodeIdentity; saved: Promise<void> } {
    const saved = given ? undefined : this.store.getMeta(IDENTITY_META);
    if (saved) return { identity: identityFromPrivateKey(saved), saved: Promise.resolve() };
    const identity = given ?? createIdentity();
    return { identity, saved: this.store.putMeta(IDENTITY_META, identity.exportPrivateKey()) };
  }

  /** The saved routing-table contacts (empty on first start or when unreadable). */
  contacts(): Contact[] {
    const bytes = this.store.getMeta(TABLE_META);
    if (!bytes) return [];
    try {
      const raw = this.#packr.unpack(bytes) as unknown;
      if (!Array.isArray(raw)) return [];
      return raw.slice(0, MAX_READ_CONTACTS).filter((c): c is [Uint8Array, string, number] => Array.isArray(c) && c[0] instanceof Uint8Array
        && c[0].length === 32 && typeof c[1] === "string" && typeof c[2] === "number")
        .map(([id, host, port]) => ({ id: new Uint8Array(id), host, port }));
    } catch {
      return [];
    }
  }

  /** Saves `contacts` (the first 1,024); resolves once durable. */
  saveContacts(contacts: readonly Contact[]): Promise<void> {
    const list = contacts.slice(0, MAX_READ_CONTACTS).map((c) => [c.id, c.host, c.port]);
    return this.store.putMeta(TABLE_META, new Uint8Array(this.#packr.pack(list)));
  }

  /** Items saved by {@link savePublished}, at most `limit`. */
  published(limit: number): PublishedItem[] {
    const out: PublishedItem[] = [];
    for (const name of this.store.listMeta(PUBLISHED_PREFIX, limit)) {
      const bytes = this.store.getMeta(name);
      if (!bytes) continue;
      try {
        const [key, value, ttlMs] = this.#packr.unpack(bytes) as [unknown, unknown, unknown];
        if (key instanceof Uint8Array && value instanceof Uint8Array && typeof ttlMs === "number") {
          out.push({ key: new Uint8Array(key), value: new Uint8Array(value), ttlMs });
        }
      } catch { /* an unreadable entry is skipped */ }
    }
    return out;
  }

  /** Remembers `item` (replacing one with its key); resolves once durable. */
  savePublished(item: PublishedItem): Promise<void> {
    return this.store.putMeta(publishedName(item.key), new Uint8Array(this.#packr.pack([item.key, item.value, item.ttlMs])));
  }

  /** Forgets the item under `key`. */
  deletePublished(key: Uint8Array): Promise<void> {
    return this.store.deleteMeta(publishedName(key));
  }
}

function publishedName(key: Uint8Array): string {
  return PUBLISHED_PREFIX + toHex(key);
}
