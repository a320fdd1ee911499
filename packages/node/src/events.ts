import type { EventEmitter } from "node:events";
import type { Counters } from "./stats.js";
import type { NodeEvents } from "./types.js";

/**
 * Emits `name` to each listener in turn, catching what a listener throws (counted in
 * `listenerErrors`) so that a faulty listener can neither crash the datagram path nor keep
 * later listeners from running.
 */
export function safeEmit<K extends keyof NodeEvents>(
  emitter: EventEmitter<NodeEvents>,
  counters: Counters,
  name: K,
  ...args: NodeEvents[K]
): void {
  if (emitter.listenerCount(name as never) === 0) return; // the common case: no copy of an empty list
  const listeners = emitter.rawListeners(name as never) as ((...a: unknown[]) => unknown)[];
  for (const listener of listeners) {
    try {
      const out = listener.apply(emitter, args);
      if (out instanceof Promise) out.catch(() => counters.listenerErrors++);
    } catch {
      counters.listenerErrors++;
    }
  }
}
