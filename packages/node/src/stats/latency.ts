import type { Clock } from "@plexus/core";
import { Histogram } from "./histogram.js";
import type { HistogramSnapshot } from "./histogram.js";

/** Latency histograms of a node (`stats().latency`), in ms of the injected clock. */
export interface LatencyStats {
  /** Round-trip time of requests answered at their first attempt (a retried one's is ambiguous, Karn). */
  readonly rpcRttMs: HistogramSnapshot;
  /** Duration of every iterative lookup (findNode, get, put, join, refresh, the layers'). */
  readonly lookupMs: HistogramSnapshot;
  /** Duration of `put()`/`putValue()`, `putImmutable()` and `putMutable()` that completed. */
  readonly putMs: HistogramSnapshot;
  /** Duration of `get()`/`getValue()`, `getImmutable()` and `getMutable()` that completed, found or not. */
  readonly getMs: HistogramSnapshot;
}

/**
 * The histograms behind {@link LatencyStats}. Bound: four fixed-size histograms. Those of
 * put and get are made at the first put or get (most nodes of a simulation do neither).
 */
export class Latency {
  readonly rpcRtt = new Histogram();
  readonly lookup = new Histogram();
  #put: Histogram | undefined;
  #get: Histogram | undefined;

  get put(): Histogram {
    return this.#put ??= new Histogram();
  }

  get get(): Histogram {
    return this.#get ??= new Histogram();
  }

  snapshot(): LatencyStats {
    return { rpcRttMs: this.rpcRtt.snapshot(), lookupMs: this.lookup.snapshot(),
      putMs: (this.#put ?? new Histogram()).snapshot(), getMs: (this.#get ?? new Histogram()).snapshot() };
  }
}

/**
 * Runs `operation` (a generator of events) and records its duration in `histogram` when it
 * returns; an operation that throws or is abandoned (break, abort) records nothing.
 */
export async function* timed<E, R>(clock: Clock, histogram: Histogram, operation: AsyncGenerator<E, R, void>): AsyncGenerator<E, R, void> {
  const started = clock.now();
  const result = yield* operation;
  histogram.record(clock.now() - started);
  return result;
}

/** {@link timed} for a promise: records the duration when it resolves. */
export async function timedPromise<R>(clock: Clock, histogram: Histogram, operation: () => Promise<R>): Promise<R> {
  const started = clock.now();
  const result = await operation();
  histogram.record(clock.now() - started);
  return result;
}
