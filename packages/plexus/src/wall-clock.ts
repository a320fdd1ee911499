import { performance } from "node:perf_hooks";
import type { Clock } from "@plexus/core";
import { systemClock } from "@plexus/node";

/**
 * A wall-time {@link Clock} for persistent nodes: `now()` is milliseconds since the Unix
 * epoch with sub-millisecond resolution (`performance.timeOrigin + performance.now()`,
 * monotonic within a process). Record expiry times are stored as clock time, so a store
 * that outlives the process needs a clock that keeps counting across restarts
 * (`systemClock`'s `performance.now()` restarts at 0). Timers are `systemClock`'s.
 */
export const wallClock: Clock = Object.freeze({
  now: (): number => performance.timeOrigin + performance.now(),
  setTimeout: systemClock.setTimeout,
});
