import { PlexusError } from "@plexus/core";
import type { Clock } from "@plexus/core";

/**
 * A timer-bounded child signal: aborts with PlexusError `ERR_TIMEOUT` after `ms` on
 * `clock`, or with the parent's reason. `done()` releases the timer and listener.
 */
export function deadline(clock: Clock, ms: number, parent: AbortSignal | undefined): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent!.reason);
  parent?.addEventListener("abort", onAbort, { once: true });
  const cancel = clock.setTimeout(() => controller.abort(timeoutError(ms)), ms);
  return {
    signal: controller.signal,
    done: () => {
      cancel();
      parent?.removeEventListener("abort", onAbort);
    },
  };
}


function timeoutError(ms: number): PlexusError {
  return new PlexusError("ERR_TIMEOUT", `no outcome within ${ms} ms`);
}
