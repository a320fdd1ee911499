import type { ManualClock } from "@plexus/core/testing";

/**
 * Awaits `promise` while running `clock` (up to `maxMs` of clock time): the way to wait for
 * an operation of nodes on a {@link ManualClock}.
 * @throws Error when it did not settle within `maxMs` (`who` prefixes the message).
 */
export async function settleOn<T>(clock: ManualClock, promise: Promise<T>, maxMs: number, who = "testnet"): Promise<T> {
  const state = { done: false };
  const tracked = promise.finally(() => { state.done = true; });
  tracked.catch(() => undefined);
  await clock.runUntil(() => state.done, maxMs);
  if (!state.done) throw new Error(`${who}: operation did not settle within ${maxMs} ms of clock time`);
  return tracked;
}
