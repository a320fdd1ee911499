import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { mean, ratio, round } from "../stats.js";
import type { World } from "../world.js";
import { spread } from "./spread.js";

/** Clock span over which stores or gets are issued, per operation, in ms. */
const GAP_PER_OPERATION_MS = 100;

/** A value put into the network. */
export interface StoredItem {
  readonly key: NodeId;
  readonly value: Uint8Array;
  /** Nodes that acknowledged the STORE, plus the publisher when it kept a copy. */
  readonly replicas: number;
}

/** Figures of the stores and of the later gets. */
export interface StorageFigures {
  readonly stores: number;
  readonly storeErrors: number;
  readonly replicasMean: number;
  readonly replicasMin: number;
  readonly gets: number;
  /** Share of gets that returned the stored value. */
  readonly foundRate: number;
}

/** Puts `count` random 32-byte values under random keys from random live nodes. */
export async function storePhase(world: World, count: number): Promise<StoredItem[]> {
  const items = await spread(world, count, count * GAP_PER_OPERATION_MS, async () => {
    const origin = world.pick();
    const key = world.random.bytes(32);
    const value = world.random.bytes(32);
    const result = await origin.putValue(key, value, { republish: false });
    return { key, value, replicas: result.stored + (result.local ? 1 : 0) };
  });
  return items.filter((i): i is StoredItem => i !== undefined);
}

/** Gets `count` of the stored items (cycling through them) from random live nodes. */
export async function getPhase(world: World, items: readonly StoredItem[], count: number,
  storeErrors: number): Promise<StorageFigures> {
  const n = items.length === 0 ? 0 : count;
  const found = await spread(world, n, n * GAP_PER_OPERATION_MS, async (i) => {
    const item = items[i % items.length]!;
    const value = await world.pick().getValue(item.key);
    return value !== undefined && bytesEqual(value, item.value);
  });
  const replicas = items.map((i) => i.replicas);
  return {
    stores: items.length + storeErrors,
    storeErrors,
    replicasMean: round(mean(replicas)),
    replicasMin: replicas.length > 0 ? Math.min(...replicas) : 0,
    gets: n,
    foundRate: ratio(found.filter((f) => f === true).length, n),
  };
}
