/** `plexus send <id> <message> [--request]`: a direct message to one node, or a request and its reply. */
import { Command } from "commander";
import { parseInput, parseNodeId } from "../arguments.js";
import { runClient } from "../client.js";
import type { ClientOptions } from "../client.js";
import { act, ExitCode, withClientOptions } from "../command-kit.js";
import type { RunState } from "../command-kit.js";
import { showValue } from "../output.js";

interface SendCliOptions extends ClientOptions {
  readonly request?: boolean;
  readonly jsonInput?: boolean;
}

/** The `send` subcommand. */
export function sendCommand(state: RunState): Command {
  return withClientOptions(new Command("send"))
    .description("send a direct message to a node (or, with --request, a request; prints the reply)")
    .argument("<id>", "the node's id: 64 hex characters (`plexus node` logs it at start)")
    .argument("<message>", "a string (or JSON with --json-input), at most 1024 bytes encoded")
    .option("-r, --request", "send a request and print the reply (`plexus node` echoes requests back)")
    .option("--json-input", "read <message> as JSON")
    .addHelpText("after", "\nExit: 0 acknowledged (or replied), 1 unreachable or refused, 3 could not join, 4 timeout.")
    .action(act(state, async (out, options: SendCliOptions, idText: string, text: string) => {
      const id = parseNodeId(idText);
      const data = parseInput(text, options.jsonInput);
      return runClient("send", options, out, async ({ node, deadline }) => {
        if (options.request) {
          const reply = await node.request(id, data, { signal: deadline.signal });
          out.result(showValue(reply), { to: id, reply });
        } else {
          await node.send(id, data, { signal: deadline.signal });
          out.result(`delivered to ${id}`, { to: id, delivered: true });
        }
        return ExitCode.OK;
      });
    }));
}
