import type { Cancel, Clock, Contact, NodeId, RoutingTable } from "@plexus/core";
import { MAX_SAVED_CONTACTS } from "../config/constants.js";
import type { PutRecord } from "../query/types.js";
import type { NodeState } from "./node-state.js";

/** What the restart memory uses. */
export interface RestartMemoryComponents {
  readonly state: NodeState;
  readonly table: RoutingTable;
  readonly clock: Clock;
  /** Takes up the publisher's duty for a saved item (put now, republish after). */
  readonly republish: (record: PutRecord) => void;
  /** Told of a failed save (the node goes on; the next save may succeed). */
  readonly onError: (error: unknown) => void;
}

/**
 * What a node carries over a restart through its {@link NodeState}: a snapshot of the routing
 * table taken after each join and every `tableSaveIntervalMs`, and the items it publishes,
 * saved before a put resolves and taken up again after the first join of the next run.
 */
export class RestartMemory {
  readonly #c: RestartMemoryComponents;
  readonly #self: NodeId;
  readonly #intervalMs: number;
  readonly #maxPublished: number;
  #cancel: Cancel | undefined;
  #restored = false;

  constructor(components: RestartMemoryComponents, init: { self: NodeId; tableSaveIntervalMs: number; maxPublishedItems: number }) {
    this.#c = components;
    this.#self = init.self;
    this.#intervalMs = init.tableSaveIntervalMs;
    this.#maxPublished = init.maxPublishedItems;
  }

  /** The contacts saved by the last run. */
  savedContacts(): Contact[] {
    return this.#c.state.contacts();
  }

  /** Saves the table every `tableSaveIntervalMs` until {@link stop}. */
  start(): void {
    if (this.#cancel) return;
    const tick = (): void => {
      this.#cancel = this.#c.clock.setTimeout(() => {
        void this.saveTable();
        tick();
      }, this.#intervalMs);
    };
    tick();
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  /** After a join: save the table, and the first time in this run re-put the saved items. */
  joined(): void {
    void this.saveTable();
    if (this.#restored) return;
    this.#restored = true;
    for (const item of this.#c.state.published(this.#maxPublished)) {
      this.#c.republish({ key: item.key, value: item.value, ttlMs: item.ttlMs, publisher: this.#self });
    }
  }

  /** Saves the table's contacts, closest to this node first; never rejects. */
  async saveTable(): Promise<void> {
    const { table, state } = this.#c;
    if (table.size === 0) return;
    try {
      await state.saveContacts(table.closest(this.#self, MAX_SAVED_CONTACTS));
    } catch (error) {
      this.#c.onError(error);
    }
  }

  /** Remembers a published item; resolves once durable (a put resolves after it). */
  published(record: PutRecord): Promise<void> {
    return this.#c.state.savePublished({ key: record.key, value: record.value, ttlMs: record.ttlMs });
  }

  /** Forgets a published item. */
  unpublished(key: NodeId): void {
    this.#c.state.deletePublished(key).catch((error: unknown) => this.#c.onError(error));
  }
}
