/**
 * Shared parts of the subcommands: the client options every one-shot command takes and the
 * wrapper that turns an action's outcome (exit code or error) into the process's exit code.
 */
import { Option } from "commander";
import type { Command } from "commander";
import { collectAddresses, parseSeconds } from "./arguments.js";
import { CLIENT_TIMEOUT_MS } from "./client.js";
import { ExitCode } from "./exit-codes.js";
import type { Output, OutputStreams } from "./output.js";
import { createOutput } from "./output.js";

/** What the actions of one run share: where to write, and where the exit code goes. */
export interface RunState {
  readonly streams: OutputStreams;
  exitCode: number;
}

/** Adds `--bootstrap`, `--host`, `--timeout` and `--json` to a one-shot command. */
export function withClientOptions(command: Command, timeoutMs = CLIENT_TIMEOUT_MS): Command {
  return command
    .option("-b, --bootstrap <host:port>", "node(s) to join through; repeat or comma-separate (default: $PLEXUS_BOOTSTRAP)", collectAddresses)
    .option("--host <ip>", "IP to bind the ephemeral client node to (default: 127.0.0.1 for loopback bootstraps, else all interfaces)")
    .addOption(new Option("-t, --timeout <seconds>", "give up after this long (exit 4)")
      .argParser(parseSeconds).default(timeoutMs, `${timeoutMs / 1000}`))
    .option("--json", "print results as one JSON object per line");
}

/** Wraps an action: it gets an {@link Output} (plain or `--json`) and its exit code lands in `state`. */
export function act<A extends unknown[], O extends { json?: boolean }>(
  state: RunState, fn: (out: Output, options: O, ...args: A) => Promise<ExitCode>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    // commander passes the positional arguments, then the options, then the command.
    const positional = args.slice(0, -2) as A;
    const options = args[args.length - 2] as O;
    const out = createOutput(options.json === true, state.streams);
    state.exitCode = await fn(out, options, ...positional);
  };
}

export { ExitCode };
