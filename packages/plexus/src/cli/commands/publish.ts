/** `plexus publish <topic> <message>`: publishes to a topic's current subscribers. */
import { toHex } from "@plexus/core";
import { Command } from "commander";
import { parseInput } from "../arguments.js";
import { runClient } from "../client.js";
import type { ClientOptions } from "../client.js";
import { act, ExitCode, withClientOptions } from "../command-kit.js";
import type { RunState } from "../command-kit.js";

interface PublishCliOptions extends ClientOptions {
  readonly jsonInput?: boolean;
}

/** The `publish` subcommand. */
export function publishCommand(state: RunState): Command {
  return withClientOptions(new Command("publish"))
    .description("publish a message to the current subscribers of a topic")
    .argument("<topic>", "the topic name")
    .argument("<message>", "a string (or JSON with --json-input), at most 1024 bytes encoded")
    .option("--json-input", "read <message> as JSON")
    .addHelpText("after", "\nSubscribers that join later do not get it (no history).\n" +
      "Exit: 0 a rendezvous node accepted it, 1 none did, 3 could not join, 4 timeout.\n" +
      "Example: plexus publish lobby 'hello' -b 127.0.0.1:9000")
    .action(act(state, async (out, options: PublishCliOptions, topic: string, text: string) => {
      const data = parseInput(text, options.jsonInput);
      return runClient("publish", options, out, async ({ node, deadline }) => {
        const r = await node.publish(topic, data, { signal: deadline.signal });
        // The accepting rendezvous relays to the topic's other rendezvous nodes, so its own count is a floor.
        out.result(`published ${toHex(r.id)} to ${topic} (the accepting rendezvous node holds ${r.subscribers} subscriber(s))`,
          { topic, id: toHex(r.id), delivered: r.delivered, subscribers: r.subscribers });
        return ExitCode.OK;
      });
    }));
}
