/**
 * `Promise.withResolvers` for Node 20 (it is in Node 22+): libp2p 3 and its modules call
 * it. Installed only in the child process that runs libp2p (child.ts loads this adapter
 * alone), before the first libp2p node starts; a no-op where Node has it.
 */
export function installPromiseWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: unknown };
  if (typeof promise.withResolvers === "function") return;
  promise.withResolvers = function withResolvers<T>(): {
    promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void;
  } {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const created = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
    return { promise: created, resolve, reject };
  };
}
