import type { PlexusNode } from "@plexus/node";
import { mean, percentile, round } from "../stats.js";
import type { World } from "../world.js";

/** Requests one operation of one node sent, and the clock time it took. */
interface Cost {
  readonly requests: number;
  readonly ms: number;
}

/** Mean requests and clock time of one kind of operation. */
export interface OperationFigures {
  /** FIND_NODE, FIND_VALUE and STORE requests the asking node sent, per operation. */
  readonly requestsMean: number;
  readonly msMean: number;
  readonly msP95: number;
}

/** What the route cache, the one-hop mode and the size estimate do (`--repeats`). */
export interface RepeatFigures {
  readonly keys: number;
  /** The first put of a key by its publisher. */
  readonly coldPut: OperationFigures;
  /** The same node putting the same key again. */
  readonly repeatPut: OperationFigures;
  /** A get by a node that never asked for the key. */
  readonly coldGet: OperationFigures;
  /** The same node getting the same key again. */
  readonly repeatGet: OperationFigures;
  /** Gets that returned the value. */
  readonly found: number;
  /** One-hop mode: the live nodes' full tables (`stats().fullTableSize`), mean, as a share of the other live nodes (0 when off). */
  readonly fullTableShare: number;
  /**
   * `stats().networkSize` as a multiple of the live count, of SIZE_SAMPLE_NODES random live
   * nodes after each ran SIZE_LOOKUPS lookups of random ids: median, 10th and 90th percentile.
   */
  readonly sizeEstimate: { readonly median: number; readonly p10: number; readonly p90: number };
}

const REQUESTS = ["FIND_NODE", "FIND_VALUE", "STORE"] as const;
/** Nodes whose size estimates are read. */
const SIZE_SAMPLE_NODES = 50;
/** Lookups each of them runs first: as many as the estimate's median spans (SIZE_ESTIMATE_WALKS of the engine). */
const SIZE_LOOKUPS = 16;

async function costOf<T>(world: World, node: PlexusNode, operation: () => Promise<T>): Promise<{ cost: Cost; value: T }> {
  const sent = (): number => REQUESTS.reduce((s, type) => s + (node.stats().sent[type] ?? 0), 0);
  const before = sent();
  const started = world.clock.now();
  const value = await world.settle(operation());
  return { cost: { requests: sent() - before, ms: world.clock.now() - started }, value };
}

function figures(costs: readonly Cost[]): OperationFigures {
  const ms = costs.map((c) => c.ms);
  return { requestsMean: round(mean(costs.map((c) => c.requests)), 1), msMean: round(mean(ms), 1), msP95: round(percentile(ms, 95), 1) };
}

/**
 * For `count` random keys, one after another: a random node puts the key and puts it again;
 * another random node gets it twice. A repeat is what the route cache serves (its first
 * walk filled the cache); with the one-hop mode every operation starts from the full table.
 * Then the network size estimate of nodes that just ran lookups, against the live count.
 */
export async function repeatPhase(world: World, count: number): Promise<RepeatFigures> {
  const costs = { coldPut: [] as Cost[], repeatPut: [] as Cost[], coldGet: [] as Cost[], repeatGet: [] as Cost[] };
  let found = 0;
  for (let i = 0; i < count; i++) {
    const key = world.random.bytes(32);
    const value = world.random.bytes(32);
    const publisher = world.pick();
    for (const which of [costs.coldPut, costs.repeatPut]) {
      which.push((await costOf(world, publisher, () => publisher.putValue(key, value, { republish: false }))).cost);
    }
    const reader = world.pick();
    for (const which of [costs.coldGet, costs.repeatGet]) {
      const got = await costOf(world, reader, () => reader.getValue(key));
      which.push(got.cost);
      if (got.value !== undefined) found++;
    }
  }
  const fullTableShare = mean(world.live.map((node) => node.stats().fullTableSize)) / Math.max(1, world.live.length - 1);
  const ratios: number[] = [];
  for (let i = 0; i < SIZE_SAMPLE_NODES; i++) {
    const node = world.pick();
    for (let l = 0; l < SIZE_LOOKUPS; l++) await world.settle(node.findNode(world.random.bytes(32)));
    ratios.push(node.stats().networkSize / world.live.length);
  }
  return {
    keys: count,
    coldPut: figures(costs.coldPut), repeatPut: figures(costs.repeatPut),
    coldGet: figures(costs.coldGet), repeatGet: figures(costs.repeatGet),
    found, fullTableShare: round(fullTableShare),
    sizeEstimate: { median: round(percentile(ratios, 50)), p10: round(percentile(ratios, 10)), p90: round(percentile(ratios, 90)) },
  };
}
