/**
 * Graceful shutdown on SIGINT / SIGTERM: the first signal calls the handler (close the
 * node, then exit 0); a second one exits at once with 130, whatever is still running.
 */
import { ExitCode } from "./exit-codes.js";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Calls `handler` on the first SIGINT or SIGTERM; a second signal exits the process with
 * {@link ExitCode.INTERRUPTED}. Returns a function that removes both listeners.
 */
export function onShutdown(handler: (signal: NodeJS.Signals) => void): () => void {
  let received = false;
  const listener = (signal: NodeJS.Signals): void => {
    if (received) process.exit(ExitCode.INTERRUPTED);
    received = true;
    handler(signal);
  };
  for (const s of SIGNALS) process.on(s, listener);
  return () => {
    for (const s of SIGNALS) process.off(s, listener);
  };
}

/** Resolves on the first SIGINT or SIGTERM (a second one exits at once, see {@link onShutdown}). */
export function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => onShutdown(resolve));
}
