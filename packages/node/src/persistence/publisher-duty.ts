import type { Clock, RecordStore, RoutingTable } from "@plexus/core";
import type { NodeConfig } from "../config/config.js";
import type { PutRecord } from "../query/types.js";
import { Republisher } from "../records/republisher.js";
import type { Counters } from "../stats/counters.js";
import type { NodeState } from "./node-state.js";
import { RestartMemory } from "./restart-memory.js";

/** What the publisher's duty uses: the store, the table, a put to run, and (optionally) saved state. */
export interface PublisherDutyComponents {
  readonly store: RecordStore;
  readonly table: RoutingTable;
  readonly clock: Clock;
  readonly counters: Counters;
  readonly state: NodeState | undefined;
  /** Runs a put to its end (the engine's `runPut`, drained). */
  readonly put: (record: PutRecord, signal: AbortSignal | undefined) => Promise<unknown>;
  /** A failed save of the table or publish list (the engine's `state:error`). */
  readonly onError: (error: Error) => void;
}

/**
 * The publisher's duty (paper 2.5): the {@link Republisher} that keeps this node's items and
 * replicas alive, and, with a `state` component, the {@link RestartMemory} that saves the
 * table and the publish list and re-puts saved items after a restart.
 */
export function publisherDuty(c: PublisherDutyComponents, config: NodeConfig & { readonly self: Uint8Array }): {
  republisher: Republisher; restart: RestartMemory | undefined;
} {
  const { self } = config;
  const republisher = new Republisher({ store: c.store, clock: c.clock, counters: c.counters, put: c.put }, {
    self, republishIntervalMs: config.republishIntervalMs, replicaRepublishIntervalMs: config.replicaRepublishIntervalMs,
    maxPublishedItems: config.maxPublishedItems,
  });
  const restart = c.state && new RestartMemory({
    state: c.state, table: c.table, clock: c.clock,
    republish: (record) => {
      republisher.publish(record);
      c.put(record, undefined).catch(() => undefined);
    },
    onError: (error) => c.onError(error instanceof Error ? error : new Error(String(error))),
  }, { self, tableSaveIntervalMs: config.tableSaveIntervalMs, maxPublishedItems: config.maxPublishedItems });
  return { republisher, restart };
}
