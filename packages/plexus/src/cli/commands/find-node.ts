/** `plexus find-node <id>`: the closest nodes to an id that answered, closest first. */
import { toHex } from "@plexus/core";
import { Command } from "commander";
import { toKey } from "../../key.js";
import { runClient, show } from "../client.js";
import type { ClientOptions } from "../client.js";
import { act, ExitCode, withClientOptions } from "../command-kit.js";
import type { RunState } from "../command-kit.js";

/** The `find-node` subcommand. */
export function findNodeCommand(state: RunState): Command {
  return withClientOptions(new Command("find-node"))
    .description("find the nodes closest to an id (the node itself first when it is on the network)")
    .argument("<id>", "64 hex characters, or any text (hashed with SHA-256)")
    .addHelpText("after", "\nPrints one `<id> <host:port>` line per node, closest first; `*` marks an exact match.\n" +
      "Exit: 0 some node answered, 1 none did, 3 could not join, 4 timeout.")
    .action(act(state, async (out, options: ClientOptions, idText: string) => {
      const target = toHex(toKey(idText, "id"));
      return runClient("find-node", options, out, async ({ node, deadline }) => {
        const contacts = (await node.findNode(target, { signal: deadline.signal }))
          .filter((c) => toHex(c.id) !== node.idHex); // the ephemeral client itself is no answer
        for (const c of contacts) {
          const id = toHex(c.id);
          const exact = id === target;
          out.result(`${id} ${show(c)}${exact ? " *" : ""}`, { id, host: c.host, port: c.port, exact });
        }
        if (contacts.length === 0) out.log("notfound", "no node answered");
        return contacts.length > 0 ? ExitCode.OK : ExitCode.FAILED;
      });
    }));
}
