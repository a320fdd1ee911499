/** `plexus subscribe <topic>`: prints a topic's messages until Ctrl-C, `--count` or `--timeout`. */
import { toHex } from "@plexus/core";
import { Command, Option } from "commander";
import { parseCount } from "../arguments.js";
import { runClient } from "../client.js";
import type { ClientOptions } from "../client.js";
import { act, ExitCode, withClientOptions } from "../command-kit.js";
import type { RunState } from "../command-kit.js";
import { showValue, shortId } from "../output.js";
import { onShutdown } from "../signals.js";

/** The longest a subscription runs without `--timeout`: one day (every wait is bounded). */
const SUBSCRIBE_MAX_MS = 86_400_000;
/** `--count` may ask for at most this many messages. */
const MAX_COUNT = 1_000_000;

interface SubscribeCliOptions extends ClientOptions {
  readonly count?: number;
}

/** The `subscribe` subcommand. */
export function subscribeCommand(state: RunState): Command {
  return withClientOptions(new Command("subscribe"), SUBSCRIBE_MAX_MS)
    .description("print the messages published to a topic until Ctrl-C, --count or --timeout")
    .argument("<topic>", "the topic name")
    .addOption(new Option("-n, --count <n>", "exit after n messages").argParser((v) => parseCount(v, 1, MAX_COUNT, "--count")))
    .addHelpText("after", "\nEach message is a line `<origin id> <message>` on stdout; `subscribed` is logged on\n" +
      "stderr once the rendezvous nodes registered the subscription.\n" +
      "Exit: 0 on Ctrl-C, after --count messages or at --timeout without --count; 4 when --timeout\n" +
      "passes before --count messages; 3 could not join.")
    .action(act(state, async (out, options: SubscribeCliOptions, topic: string) => {
      const stop = new AbortController();
      const removeHandler = onShutdown(() => stop.abort());
      try {
        return await runClient("subscribe", options, out, async ({ node, deadline }) => {
          const signal = AbortSignal.any([stop.signal, deadline.signal]);
          const sub = node.subscribe(topic, { signal });
          const rendezvous = await sub.ready;
          out.log("subscribed", `to ${topic} at ${rendezvous} rendezvous node(s); waiting for messages`,
            { topic, rendezvous: rendezvous });
          let seen = 0;
          try {
            for await (const m of sub) {
              out.result(`${shortId(m.origin)} ${showValue(m.data)}`, { topic, origin: toHex(m.origin), id: toHex(m.id), data: m.data });
              if (options.count !== undefined && ++seen >= options.count) return ExitCode.OK;
            }
          } catch (error) {
            if (!signal.aborted) throw error;
          }
          if (deadline.signal.aborted && options.count !== undefined) throw deadline.signal.reason;
          return ExitCode.OK;
        });
      } finally {
        removeHandler();
      }
    }));
}
