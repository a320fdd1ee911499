/**
 * The `--timeout` of a one-shot command: an AbortSignal that aborts with a TIMEOUT
 * {@link CliError} when the deadline passes (a real process timer: the CLI runs on wall
 * time, not in the simulator).
 */
import { CliError, ExitCode } from "./exit-codes.js";

/** A deadline: its signal, and `clear()` to cancel the timer once the work is done. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  clear(): void;
}

/** Starts the deadline; `what` names the work in the timeout message. */
export function startDeadline(timeoutMs: number, what: string): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CliError(ExitCode.TIMEOUT,
    `${what}: no result within ${seconds(timeoutMs)} (raise it with --timeout SECONDS)`)), timeoutMs);
  return { signal: controller.signal, timeoutMs, clear: () => clearTimeout(timer) };
}

/** `5 s`, `0.5 s`. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
