import { performance } from "node:perf_hooks";

/** Limits of a phase of the workload. */
export interface PhaseLimits {
  /** Operations to run, one after the other. */
  readonly ops: number;
  /** Time limit of one operation. */
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

/** Runs `limits.ops` operations one after the other, each under a timeout, within the phase budget. */
export async function phase(limits: PhaseLimits, op: (signal: AbortSignal) => Promise<boolean>): Promise<PhaseResult> {
  // Bounded: at most limits.ops entries.
  const latenciesMs: number[] = [];
  let succeeded = 0;
  const start = performance.now();
  for (let i = 0; i < limits.ops; i++) {
    if (performance.now() - start > limits.phaseBudgetMs) break;
    const t0 = performance.now();
    const ok = await withTimeout(limits.opTimeoutMs, op);
    if (ok === true) {
      latenciesMs.push(performance.now() - t0);
      succeeded++;
    }
  }
  return { latenciesMs, attempted: limits.ops, succeeded };
}

/** Runs `fn` with a signal that aborts after `ms`; `undefined` when it timed out or threw. */
export async function withTimeout<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
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

/** Runs `count` tasks with at most `concurrency` in flight, starting none after `budgetMs`. */
export async function pool(count: number, concurrency: number, budgetMs: number, task: () => Promise<void>):
  Promise<void> {
  let started = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (started < count && performance.now() - start <= budgetMs) {
      started++;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
