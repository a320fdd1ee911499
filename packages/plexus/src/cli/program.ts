/**
 * The `plexus` command: its subcommands, and one run from argv to an exit code. Errors
 * become one line on stderr that says what to do, and an exit code from {@link ExitCode}.
 */
import { isPlexusError } from "@plexus/core";
import { Command, CommanderError } from "commander";
import { act } from "./command-kit.js";
import type { RunState } from "./command-kit.js";
import { CliError, ExitCode } from "./exit-codes.js";
import type { OutputStreams } from "./output.js";
import { findNodeCommand } from "./commands/find-node.js";
import { getCommand } from "./commands/get.js";
import { nodeCommand } from "./commands/node.js";
import { pingCommand } from "./commands/ping.js";
import { publishCommand } from "./commands/publish.js";
import { putCommand } from "./commands/put.js";
import { sendCommand } from "./commands/send.js";
import { statsCommand } from "./commands/stats.js";
import { subscribeCommand } from "./commands/subscribe.js";
import { testnetCommand } from "./commands/testnet.js";
import { VERSION } from "./version.js";

const EXAMPLES = `
Examples:
  plexus testnet --nodes 10              a local network; prints its bootstrap address
  plexus node --port 9000                a long-lived node (the first of a new network)
  plexus node --bootstrap 127.0.0.1:9000 --data-dir ./plexus-data
  plexus put hello -b 127.0.0.1:9000     prints the key
  plexus get <key> -b 127.0.0.1:9000
  export PLEXUS_BOOTSTRAP=127.0.0.1:9000 then --bootstrap can be left out

Exit codes: 0 ok, 1 not found or failed, 2 usage error, 3 could not join, 4 timeout,
130 interrupted by a second Ctrl-C. \`plexus <command> --help\` for each command.`;

/** Builds the command tree for one run; nothing is global, so a test can run it twice. */
export function createProgram(state: RunState): Command {
  const program = new Command("plexus")
    .description("Plexus: a Kademlia DHT for Node.js. Run a node or a local testnet, or talk to a network.")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("after", EXAMPLES)
    .configureOutput({
      writeOut: (s) => state.streams.stdout.write(s),
      writeErr: (s) => state.streams.stderr.write(s),
    });
  for (const make of [nodeCommand, testnetCommand, putCommand, getCommand, findNodeCommand, pingCommand,
    publishCommand, subscribeCommand, sendCommand, statsCommand]) {
    program.addCommand(make(state));
  }
  program.action(act(state, () => {
    program.outputHelp();
    return Promise.resolve(ExitCode.USAGE);
  }));
  // Subcommands inherit these at addCommand time only when set before; set on each.
  for (const command of [program, ...program.commands]) {
    command.exitOverride().showHelpAfterError("(add --help for usage)").configureOutput({
      writeOut: (s) => state.streams.stdout.write(s),
      writeErr: (s) => state.streams.stderr.write(s),
    });
  }
  return program;
}

/** Runs the command line (`argv` without node and the script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], streams: OutputStreams = process): Promise<number> {
  const state: RunState = { streams, exitCode: ExitCode.OK };
  const program = createProgram(state);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return state.exitCode;
  } catch (error) {
    return report(error, streams, argv.includes("--json"));
  }
}

/** One line on stderr for the error; its exit code. */
function report(error: unknown, streams: OutputStreams, json: boolean): number {
  if (error instanceof CommanderError) {
    // help and version exit 0; commander already printed its message for the rest.
    return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
  }
  const code = isPlexusError(error) ? error.code : undefined;
  const exitCode = error instanceof CliError ? error.exitCode : ExitCode.FAILED;
  const message = error instanceof Error ? error.message : String(error);
  streams.stderr.write(json
    ? `${JSON.stringify({ time: new Date().toISOString(), event: "error", exitCode, ...(code ? { code } : {}), message })}\n`
    : `plexus: ${message}${code ? ` (${code})` : ""}\n`);
  return exitCode;
}
