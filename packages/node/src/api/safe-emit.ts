import type { EventEmitter } from "node:events";

/**
 * Emits `name` to each listener in turn, catching what a listener throws (passed to
 * `onError`, which counts it) so that a faulty listener can neither crash the datagram path
 * nor keep later listeners from running.
 */
export function safeEmit<E extends Record<keyof E, unknown[]>, K extends keyof E & string>(
  emitter: EventEmitter<E>,
  onError: () => void,
  name: K,
  ...args: E[K]
): void {
  if (emitter.listenerCount(name as never) === 0) return; // the common case: no copy of an empty list
  const listeners = emitter.rawListeners(name as never) as unknown as ((...a: unknown[]) => unknown)[];
  for (const listener of listeners) {
    try {
      const out = listener.apply(emitter, args);
      if (out instanceof Promise) out.catch(onError);
    } catch {
      onError();
    }
  }
}
