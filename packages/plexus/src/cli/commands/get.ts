/** `plexus get <key>`: looks a key up and prints its value (exit 1 when the network does not hold it). */
import { toHex } from "@plexus/core";
import { Command } from "commander";
import { toKey } from "../../key.js";
import { runClient } from "../client.js";
import type { ClientOptions } from "../client.js";
import { act, ExitCode, withClientOptions } from "../command-kit.js";
import type { RunState } from "../command-kit.js";
import { showValue } from "../output.js";

/** The `get` subcommand. */
export function getCommand(state: RunState): Command {
  return withClientOptions(new Command("get"))
    .description("look a key up and print its value")
    .argument("<key>", "64 hex characters (as `put` printed), or any text (hashed with SHA-256)")
    .addHelpText("after", "\nPrints strings as they are, bytes as 0x + hex, other values as JSON.\n" +
      "Exit: 0 found, 1 not found, 3 could not join, 4 timeout.\n" +
      "Example: plexus get 5e8f...c2 -b 127.0.0.1:9000")
    .action(act(state, async (out, options: ClientOptions, keyText: string) => {
      const key = toHex(toKey(keyText));
      return runClient("get", options, out, async ({ node, deadline }) => {
        const value = await node.get(key, { signal: deadline.signal });
        if (value === undefined) {
          out.log("notfound", `no node holds ${key}`);
          if (out.json) out.result("", { key, found: false });
          return ExitCode.FAILED;
        }
        out.result(showValue(value), { key, found: true, value });
        return ExitCode.OK;
      });
    }));
}
