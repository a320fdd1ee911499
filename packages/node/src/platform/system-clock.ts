import { performance } from "node:perf_hooks";
import type { Cancel, Clock } from "@plexus/core";

/**
 * The real {@link Clock}: `performance.now()` (monotonic) and `setTimeout`, with every timer
 * `unref()`'d so that a pending timeout never keeps the process alive.
 */
export const systemClock: Clock = Object.freeze({
  now: (): number => performance.now(),
  setTimeout(fn: () => void, ms: number): Cancel {
    const handle = setTimeout(fn, Math.max(0, ms));
    handle.unref();
    return () => clearTimeout(handle);
  },
});
