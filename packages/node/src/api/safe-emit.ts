import type { EventEmitter } from "node:events";

/**
 * Emits `name` the standard way (`emitter.emit`, so `once`, `prependListener` and
 * `captureRejections` behave as Node documents them) from a place the node itself drives
 * (a datagram, a timer). A listener that throws follows Node's EventEmitter convention:
 * the exception propagates out of `emit` (later listeners of that event do not run) and is
 * not swallowed: it is counted (`onError`, the `listenerErrors` counter) and rethrown on a
 * fresh stack in the next microtask, so it reaches `process.on("uncaughtException")` (the
 * process exits unless the application handles it), just as a throwing listener of a
 * socket-driven event in bittorrent-dht or hyperdht does. Rethrowing later rather than
 * here lets the node finish the datagram or timer it was handling, so its own state stays
 * consistent, and keeps the datagram path from mistaking the application's bug for a
 * malformed datagram. A listener's rejected promise is Node's concern as well: an
 * unhandled rejection (or an `error` event on an emitter with `captureRejections`).
 */
export function safeEmit<E extends Record<keyof E, unknown[]>, K extends keyof E & string>(
  emitter: EventEmitter<E>,
  onError: () => void,
  name: K,
  ...args: E[K]
): void {
  if (emitter.listenerCount(name as never) === 0) return;
  try {
    (emitter.emit as (event: string, ...rest: unknown[]) => boolean)(name, ...args);
  } catch (error) {
    onError();
    queueMicrotask(() => {
      throw error;
    });
  }
}
