import type { Contact, NodeId } from "@plexus/core";

/** An item this node publishes, as kept so that a restart takes up its republish duty again. */
export interface PublishedItem {
  readonly key: NodeId;
  readonly value: Uint8Array;
  readonly ttlMs: number;
}

/**
 * Where a node keeps what it needs after a restart besides its records: a snapshot of its
 * routing table (to rejoin without a bootstrap node) and the items it publishes (to keep
 * republishing them). Two implementations: `createMemoryNodeState()` here, and the facade's
 * LMDB one (in the same LMDB file as the records).
 */
export interface NodeState {
  /** The saved contacts (empty when none or unreadable). */
  contacts(): Contact[];
  /** Replaces the saved contacts; resolves once durable. */
  saveContacts(contacts: readonly Contact[]): Promise<void>;
  /** The saved published items, at most `limit`. */
  published(limit: number): PublishedItem[];
  /** Saves `item` (replacing one with its key); resolves once durable. */
  savePublished(item: PublishedItem): Promise<void>;
  /** Forgets the item under `key`. */
  deletePublished(key: NodeId): Promise<void>;
}
