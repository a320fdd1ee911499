import type { Clock } from "@plexus/core";
import { abortReason } from "../api/errors.js";

/** Resolves after `ms` on `clock`; rejects with the signal's reason when aborted first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(abortReason(signal!));
    };
    const cancel = clock.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs tasks at most `concurrency` at a time, FIFO. Task errors are swallowed (background
 * work). Bound on the queue: `maxQueued`; tasks past it are dropped and `run` returns false.
 */
export class Limiter {
  readonly #concurrency: number;
  readonly #maxQueued: number;
  /** Bound: maxQueued. */
  #queue: (() => Promise<unknown>)[] = [];
  #active = 0;

  constructor(concurrency: number, maxQueued: number) {
    this.#concurrency = concurrency;
    this.#maxQueued = maxQueued;
  }

  /** Tasks running or queued. */
  get busy(): number {
    return this.#active + this.#queue.length;
  }

  /** Queues `task`; false when the queue is full. */
  run(task: () => Promise<unknown>): boolean {
    if (this.#queue.length >= this.#maxQueued) return false;
    this.#queue.push(task);
    this.#next();
    return true;
  }

  /** Drops queued tasks (running ones finish or are cancelled by their own signal). */
  clear(): void {
    this.#queue = [];
  }

  #next(): void {
    while (this.#active < this.#concurrency && this.#queue.length > 0) {
      const task = this.#queue.shift()!;
      this.#active++;
      task().catch(() => undefined).finally(() => {
        this.#active--;
        this.#next();
      });
    }
  }
}
