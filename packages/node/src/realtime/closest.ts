import { PlexusError } from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import type { NodeContext } from "../context.js";
import { drainLookup } from "../join.js";

/** Drains a quiet FIND_NODE lookup of `target`: the k closest live contacts, closest first. */
export async function lookupClosest(ctx: NodeContext, target: NodeId, signal: AbortSignal | undefined): Promise<Contact[]> {
  return (await drainLookup(ctx, target, signal)).closest;
}

/**
 * A timer-bounded child signal: aborts with PlexusError `ERR_TIMEOUT` after `ms` on the
 * node's clock, or with the parent's reason. `done()` releases the timer and listener.
 */
export function deadline(ctx: NodeContext, ms: number, parent: AbortSignal | undefined): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent!.reason);
  parent?.addEventListener("abort", onAbort, { once: true });
  const cancel = ctx.clock.setTimeout(() => controller.abort(timeoutError(ms)), ms);
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
