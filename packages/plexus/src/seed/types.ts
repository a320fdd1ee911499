import type { KeyLike } from "../key.js";

/**
 * A node as the original library's API hands it out (`node.self`, the `connected` event, a
 * `find({ type: "node" })` result, a `message` sender): a plain frozen object, the id as a
 * hex string. Changing it changes nothing in the node.
 */
export interface SeedContact {
  /** The node id, 64 hex characters. */
  readonly id: string;
  readonly host: string;
  readonly port: number;
  /** `"host:port"` (`"[::1]:9000"` for IPv6), as the original `contact.name`. */
  readonly name: string;
}

/** What `store()` returns at once: the item as the original library described it. */
export interface SeedItem<V = unknown> {
  /**
   * The key: the string given (a name, or 64 hex characters), or the hex of the 32 key
   * bytes (given as bytes, or the SHA-256 of the encoded value by default). `find({ key })`
   * takes it back as it is.
   */
  readonly key: string;
  readonly value: V;
  /** This node's id in hex. */
  readonly publisher: string;
  /** When the item was created, in ms since the epoch (`Date.now()`). */
  readonly timestamp: number;
}

/** What a `store()` resolves to once the STOREs are answered. */
export interface SeedStoredItem<V = unknown> extends SeedItem<V> {
  /** Remote nodes that acknowledged the STORE. */
  readonly stored: number;
  /** Remote nodes that refused or did not answer. */
  readonly failed: number;
  /** True when this node is among the closest and holds the item itself. */
  readonly local: boolean;
}

/** What `find({ key })` reports as `found`. */
export interface FoundItem<V = unknown> {
  /** The key as it was passed to `find`, or its hex when it was bytes. */
  readonly key: string;
  readonly value: V;
  /**
   * Who published it, in hex, as the record carries it; `undefined` when the storing node
   * got it without one (another implementation).
   */
  readonly publisher: string | undefined;
  /**
   * Time the record has left, in ms. The protocol carries no creation time, so found items
   * have no `timestamp`.
   */
  readonly ttlMs: number;
}

/** Arguments of `store()`. */
export interface StoreArgs<V = unknown> {
  /** Where to store it. @default SHA-256 of the encoded value */
  readonly key?: KeyLike;
  readonly value: V;
  /**
   * Keep the item alive: this node re-puts it with a fresh TTL while it runs (`republish`
   * option). Without it the item lives for one TTL (`expire`). @default false (as the original)
   */
  readonly republish?: boolean;
}

/** Arguments of `find()`. */
export interface FindArgs {
  /** An item's key, or with `type: "node"` a node id (64 hex characters). */
  readonly key: KeyLike;
  /** What to look for: `"item"` or `"node"` (any case). @default "item" */
  readonly type?: "item" | "node" | "ITEM" | "NODE" | "Item" | "Node";
}

/** Arguments of `message()`. */
export interface MessageArgs {
  /** The data (any value the value codec encodes, at most 1024 bytes encoded). */
  readonly message: unknown;
  /** The recipient's node id: 64 hex characters (or 32 bytes). */
  readonly id: KeyLike;
}
