import { performance } from "node:perf_hooks";
import type { BenchNode, LibraryAdapter } from "./adapter.js";
import { closestId, equalBytes } from "./bytes.js";
import { phase, pool, withTimeout } from "./phase.js";
import type { PhaseLimits, PhaseResult } from "./phase.js";
import { seededRandom } from "./random.js";
import type { SeededRandom } from "./random.js";
import { realtimePhases } from "./realtime-workload.js";
import type { RealtimeResult } from "./realtime-workload.js";

/** The work every library does, identical for all of them given the same seed. */
export interface WorkloadOptions extends PhaseLimits {
  /** Nodes in the network, the bootstrap node included. */
  readonly nodes: number;
  /** Seed of node choice, values and lookup targets. */
  readonly seed: number;
  /** Joins in flight at once (a pool, so nobody joins an empty network all at once). */
  readonly joinConcurrency: number;
  /** Bytes of each stored value. */
  readonly valueBytes: number;
  /** Time limit of one join. */
  readonly joinTimeoutMs: number;
  /** No join starts after this long from the first (the nodes not joined by then are missing). */
  readonly joinBudgetMs: number;
}

/** What one library did on one network; a phase is `undefined` when the library cannot do it. */
export interface WorkloadResult {
  readonly nodes: number;
  /** Nodes whose join completed, the bootstrap node included. */
  readonly joined: number;
  /** From the first join call to the last join completed. */
  readonly joinMs: number;
  readonly put: PhaseResult | undefined;
  readonly get: PhaseResult | undefined;
  readonly lookup: PhaseResult | undefined;
  readonly realtime: RealtimeResult | undefined;
}

/** Called between phases (the child samples memory and CPU there). */
export interface WorkloadHooks {
  /** Every join has completed or timed out; no operation has started yet. */
  readonly afterJoin?: () => void;
  /** Puts, gets and lookups are done; the realtime phases have not started. */
  readonly afterDht?: () => void;
}

/** Runs the workload on a fresh network of `adapter`'s nodes and closes them all. */
export async function runWorkload(adapter: LibraryAdapter, options: WorkloadOptions,
  hooks: WorkloadHooks = {}): Promise<WorkloadResult> {
  const random = seededRandom(options.seed);
  const boot = await adapter.startBootstrap();
  // Bounded: one entry per node of this run (options.nodes).
  const nodes: BenchNode[] = [boot.node];
  try {
    const joinStart = performance.now();
    await pool(options.nodes - 1, options.joinConcurrency, options.joinBudgetMs, async () => {
      const node = await withTimeout(options.joinTimeoutMs, (signal) => adapter.join(boot.address, signal));
      if (node !== undefined) nodes.push(node);
    });
    const joinMs = performance.now() - joinStart;
    hooks.afterJoin?.();
    const put = await putPhase(nodes, random, options);
    const get = put === undefined ? undefined : await getPhase(nodes, random, put.items, options);
    const lookup = await lookupPhase(adapter, nodes, random, options);
    hooks.afterDht?.();
    // Its own random stream: libraries without puts and lookups still get the same pairs.
    const realtime = await realtimePhases(nodes, seededRandom(options.seed + 1), options);
    return { nodes: options.nodes, joined: nodes.length, joinMs, put: put?.result, get, lookup, realtime };
  } finally {
    await Promise.allSettled(nodes.map((node) => node.close()));
  }
}

interface StoredItem {
  readonly putter: number;
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

async function putPhase(nodes: readonly BenchNode[], random: SeededRandom, options: WorkloadOptions):
  Promise<{ result: PhaseResult; items: StoredItem[] } | undefined> {
  if (nodes[0]?.put === undefined) return undefined;
  // Bounded: at most options.ops items.
  const items: StoredItem[] = [];
  const result = await phase(options, async (signal) => {
    const putter = random.int(nodes.length);
    const value = random.bytes(options.valueBytes);
    const key = await (nodes[putter] as Required<BenchNode>).put(value, signal);
    items.push({ putter, key, value });
    return true;
  });
  return { result, items };
}

async function getPhase(nodes: readonly BenchNode[], random: SeededRandom, items: readonly StoredItem[],
  options: WorkloadOptions): Promise<PhaseResult | undefined> {
  if (nodes[0]?.get === undefined) return undefined;
  let index = 0;
  let localHits = 0;
  // Bounded: at most options.ops entries.
  const networkLatenciesMs: number[] = [];
  const result = await phase(options, async (signal) => {
    if (items.length === 0) return false;
    const item = items[index++ % items.length] as StoredItem;
    // A node other than the putter, so no library answers from its own publish cache.
    const getter = (item.putter + 1 + random.int(nodes.length - 1)) % nodes.length;
    const t0 = performance.now();
    const found = await (nodes[getter] as Required<BenchNode>).get(item.key, signal);
    const ok = found.value !== undefined && equalBytes(found.value, item.value);
    if (ok && found.local) localHits++;
    else if (ok) networkLatenciesMs.push(performance.now() - t0);
    return ok;
  });
  return { ...result, networkLatenciesMs, localHits };
}

async function lookupPhase(adapter: LibraryAdapter, nodes: readonly BenchNode[], random: SeededRandom,
  options: WorkloadOptions): Promise<PhaseResult | undefined> {
  if (nodes[0]?.lookup === undefined) return undefined;
  const ids = nodes.map((node) => node.id());
  let exact = 0;
  let listed = false;
  const result = await phase(options, async (signal) => {
    const querier = random.int(nodes.length);
    const target = random.bytes(adapter.idBytes);
    const found = await (nodes[querier] as Required<BenchNode>).lookup(target, signal);
    if (found === undefined) return true;
    listed = true;
    const self = ids[querier] as Uint8Array;
    const first = found.find((id) => !equalBytes(id, self));
    const truth = closestId(ids.filter((id) => id !== self), adapter.routingKey?.(target) ?? target);
    if (first !== undefined && truth !== undefined && equalBytes(first, truth)) exact++;
    return found.length > 0;
  });
  return { ...result, exact: listed ? exact : undefined };
}
