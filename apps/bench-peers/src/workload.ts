import { performance } from "node:perf_hooks";
import type { BenchNode, LibraryAdapter } from "./adapter.js";
import { seededRandom } from "./random.js";
import type { SeededRandom } from "./random.js";

/** The work every library does, identical for all of them given the same seed. */
export interface WorkloadOptions {
  /** Nodes in the network, the bootstrap node included. */
  readonly nodes: number;
  /** Seed of node choice, values and lookup targets. */
  readonly seed: number;
  /** Joins in flight at once (a pool, so nobody joins an empty network all at once). */
  readonly joinConcurrency: number;
  /** Puts, gets and lookups each. */
  readonly ops: number;
  /** Bytes of each stored value. */
  readonly valueBytes: number;
  /** Time limit of one join. */
  readonly joinTimeoutMs: number;
  /** Time limit of one put, get or lookup. */
  readonly opTimeoutMs: number;
  /** Time limit of a whole phase; operations not started by then count as failed. */
  readonly phaseBudgetMs: number;
}

/** Outcome of one phase of `ops` operations run one after the other. */
export interface PhaseResult {
  /** Latency of each successful operation in ms. */
  readonly latenciesMs: number[];
  readonly attempted: number;
  readonly succeeded: number;
  /** Lookups only: how many returned the true closest node first (`undefined`: no node list). */
  readonly exact?: number | undefined;
  /** Gets only: latencies of the successful gets that went to the network, in ms. */
  readonly networkLatenciesMs?: number[] | undefined;
  /** Gets only: successful gets answered from the getter's own store. */
  readonly localHits?: number | undefined;
}

/** What one library did on one network. */
export interface WorkloadResult {
  readonly nodes: number;
  /** Nodes whose join completed, the bootstrap node included. */
  readonly joined: number;
  /** From the first join call to the last join completed. */
  readonly joinMs: number;
  readonly put: PhaseResult;
  readonly get: PhaseResult;
  readonly lookup: PhaseResult;
}

/** Called between phases (the child samples memory there). */
export interface WorkloadHooks {
  /** Every join has completed or timed out; no operation has started yet. */
  readonly afterJoin?: () => void;
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
    await pool(options.nodes - 1, options.joinConcurrency, async () => {
      const node = await withTimeout(options.joinTimeoutMs, (signal) => adapter.join(boot.address, signal));
      if (node !== undefined) nodes.push(node);
    });
    const joinMs = performance.now() - joinStart;
    hooks.afterJoin?.();
    const put = await putPhase(nodes, random, options);
    const get = await getPhase(nodes, random, put.items, options);
    const lookup = await lookupPhase(adapter, nodes, random, options);
    return { nodes: options.nodes, joined: nodes.length, joinMs, put: put.result, get, lookup };
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
  Promise<{ result: PhaseResult; items: StoredItem[] }> {
  // Bounded: at most options.ops items.
  const items: StoredItem[] = [];
  const result = await phase(options, async (signal) => {
    const putter = random.int(nodes.length);
    const value = random.bytes(options.valueBytes);
    const key = await (nodes[putter] as BenchNode).put(value, signal);
    items.push({ putter, key, value });
    return true;
  });
  return { result, items };
}

async function getPhase(nodes: readonly BenchNode[], random: SeededRandom, items: readonly StoredItem[],
  options: WorkloadOptions): Promise<PhaseResult> {
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
    const found = await (nodes[getter] as BenchNode).get(item.key, signal);
    const ok = found.value !== undefined && equalBytes(found.value, item.value);
    if (ok && found.local) localHits++;
    else if (ok) networkLatenciesMs.push(performance.now() - t0);
    return ok;
  });
  return { ...result, networkLatenciesMs, localHits };
}

async function lookupPhase(adapter: LibraryAdapter, nodes: readonly BenchNode[], random: SeededRandom,
  options: WorkloadOptions): Promise<PhaseResult> {
  const ids = nodes.map((node) => node.id());
  let exact = 0;
  let listed = false;
  const result = await phase(options, async (signal) => {
    const querier = random.int(nodes.length);
    const target = random.bytes(adapter.idBytes);
    const found = await (nodes[querier] as BenchNode).lookup(target, signal);
    if (found === undefined) return true;
    listed = true;
    const self = ids[querier] as Uint8Array;
    const first = found.find((id) => !equalBytes(id, self));
    const truth = closestId(ids.filter((id) => id !== self), target);
    if (first !== undefined && truth !== undefined && equalBytes(first, truth)) exact++;
    return found.length > 0;
  });
  return { ...result, exact: listed ? exact : undefined };
}

/** Runs `options.ops` operations one after the other, each under a timeout, within the phase budget. */
async function phase(options: WorkloadOptions, op: (signal: AbortSignal) => Promise<boolean>): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  let succeeded = 0;
  const start = performance.now();
  for (let i = 0; i < options.ops; i++) {
    if (performance.now() - start > options.phaseBudgetMs) break;
    const t0 = performance.now();
    const ok = await withTimeout(options.opTimeoutMs, op);
    if (ok === true) {
      latenciesMs.push(performance.now() - t0);
      succeeded++;
    }
  }
  return { latenciesMs, attempted: options.ops, succeeded };
}

/** Runs `fn` with a signal that aborts after `ms`; `undefined` when it timed out or threw. */
async function withTimeout<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${ms} ms`)), ms);
  try {
    return await fn(controller.signal);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `count` tasks with at most `concurrency` in flight. */
async function pool(count: number, concurrency: number, task: () => Promise<void>): Promise<void> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Bytewise equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The id XOR-closest to `target` (ids and target of one length), or `undefined` for none. */
export function closestId(ids: readonly Uint8Array[], target: Uint8Array): Uint8Array | undefined {
  let best: Uint8Array | undefined;
  for (const id of ids) {
    if (best === undefined || compareDistance(id, best, target) < 0) best = id;
  }
  return best;
}

function compareDistance(a: Uint8Array, b: Uint8Array, target: Uint8Array): number {
  for (let i = 0; i < target.length; i++) {
    const t = target[i] as number;
    const da = ((a[i] as number) ^ t) >>> 0;
    const db = ((b[i] as number) ^ t) >>> 0;
    if (da !== db) return da - db;
  }
  return 0;
}
