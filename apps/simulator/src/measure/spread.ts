import type { World } from "../world.js";

/** Clock time allowed past the scheduled span for the last tasks to finish, in ms. */
const DRAIN_LIMIT_MS = 3_600_000;

/**
 * Starts `task(i)` for i = 0..count-1 (those `select` takes) at evenly spaced clock times
 * over `spanMs` (task 0 at once) and runs the clock until every started task has settled.
 * Tasks overlap as they would in a live network with that request rate. Resolves to the
 * tasks' results in index order (`undefined` for a task that threw or was not selected).
 * @throws Error when the tasks do not settle within the span plus an hour of clock time.
 */
export async function spread<T>(world: World, count: number, spanMs: number,
  task: (i: number) => Promise<T>, select: (i: number) => boolean = () => true): Promise<(T | undefined)[]> {
  const results: (T | undefined)[] = new Array<T | undefined>(count).fill(undefined);
  let started = 0, settled = 0, selected = 0;
  const gap = count > 0 ? spanMs / count : 0;
  for (let i = 0; i < count; i++) {
    if (!select(i)) continue;
    selected++;
    world.clock.setTimeout(() => {
      started++;
      task(i).then((value) => { results[i] = value; }, () => undefined).finally(() => { settled++; });
    }, i * gap);
  }
  const done = (): boolean => started === selected && settled === selected;
  await world.clock.runUntil(done, spanMs + DRAIN_LIMIT_MS);
  if (!done()) throw new Error(`simulator: ${selected - settled} tasks still running after ${spanMs + DRAIN_LIMIT_MS} ms of clock time`);
  return results;
}
