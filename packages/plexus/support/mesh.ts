/**
 * A mesh of facade nodes on 127.0.0.1 over real UDP, shared by the demo, the bench and
 * the integration tests. Not part of the published package.
 */
import { Node } from "plexus";
import type { NodeOptions } from "plexus";

/** Options of {@link startMesh}. */
export interface MeshOptions {
  /** Number of nodes. */
  readonly size: number;
  /** Nodes joining at once; each joins through a random node that has already joined. @default 8 */
  readonly concurrency?: number;
  /** Extra options of every node (host and port are fixed: 127.0.0.1, port 0). */
  readonly node?: NodeOptions;
}

/** A running mesh. */
export interface Mesh {
  readonly nodes: Node[];
  /** Wall time for every node to bind and join, in ms. */
  readonly joinMs: number;
  /** Closes every node (also the ones that failed to join). */
  close(): Promise<void>;
}

/** Starts `size` nodes on 127.0.0.1 (port 0); node 0 first, the rest join through earlier nodes. */
export async function startMesh(options: MeshOptions): Promise<Mesh> {
  const started = performance.now();
  const nodes: Node[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.close()));
  };
  try {
    for (let i = 0; i < options.size; i++) {
      nodes.push(new Node({ ...options.node, host: "127.0.0.1", port: 0, autoListen: false }));
    }
    await Promise.all(nodes.map((n) => n.listen()));
    const joined = [nodes[0]!];
    const concurrency = options.concurrency ?? 8;
    for (let i = 1; i < nodes.length; i += concurrency) {
      const wave = nodes.slice(i, i + concurrency);
      await Promise.all(wave.map((n) => n.connect(pick(joined).address!)));
      joined.push(...wave);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { nodes, joinMs: performance.now() - started, close };
}

/** A uniformly random element of a non-empty array. */
export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** A random element of `items` other than `not` (needs two or more elements). */
export function pickOther<T>(items: readonly T[], not: T): T {
  for (;;) {
    const item = pick(items);
    if (item !== not) return item;
  }
}

/**
 * Resolves to the result of `promise`, or rejects when `ms` pass first (the timer is
 * cleared either way and never keeps the process alive).
 */
export async function withDeadline<T>(promise: PromiseLike<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no outcome within ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Outcome of {@link broadcastToAll}. */
export interface BroadcastOutcome {
  /** Nodes other than the origin that got the data with the right origin. */
  readonly reached: number;
  /** Ms from the call until the last node got it. */
  readonly ms: number;
  /** Deliveries per node index so far (the origin's stays 0); keeps counting until `stop()`. */
  readonly deliveries: number[];
  /** Detaches the listeners. */
  stop(): void;
}

/**
 * Broadcasts `data` from `origin` and resolves once every other node emitted `broadcast`
 * with equal data and the origin's hex id, or rejects after `deadlineMs`.
 */
export async function broadcastToAll(
  nodes: readonly Node[], origin: Node, data: string, deadlineMs: number,
): Promise<BroadcastOutcome> {
  const deliveries = nodes.map(() => 0);
  let reached = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const listeners = nodes.map((node, i) => (got: unknown, from: string) => {
    if (got !== data || from !== origin.idHex) return;
    if (deliveries[i]!++ === 0 && ++reached === nodes.length - 1) done();
  });
  nodes.forEach((node, i) => node.on("broadcast", listeners[i]!));
  const stop = (): void => nodes.forEach((node, i) => node.off("broadcast", listeners[i]!));
  const started = performance.now();
  try {
    await origin.broadcast({ data });
    if (nodes.length > 1) await withDeadline(all, deadlineMs, `broadcast reaching ${nodes.length - 1} nodes`);
  } catch (error) {
    stop();
    throw error;
  }
  return { reached, ms: performance.now() - started, deliveries, stop };
}

/** The `p`-th percentile (0..100) of `values` by nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Times `fn`, in ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}
