/** `plexus ping <host:port>`: one PING to a node, prints its id and the round trip. */
import { toHex } from "@plexus/core";
import { Command } from "commander";
import { performance } from "node:perf_hooks";
import { parseEndpoint } from "../arguments.js";
import { runClient, show } from "../client.js";
import type { ClientOptions } from "../client.js";
import { act, ExitCode, withClientOptions } from "../command-kit.js";
import type { RunState } from "../command-kit.js";
import { CliError } from "../exit-codes.js";

/** Default `--timeout` of ping, in ms. */
const PING_TIMEOUT_MS = 5_000;

/** The `ping` subcommand (needs no `--bootstrap`). */
export function pingCommand(state: RunState): Command {
  return withClientOptions(new Command("ping"), PING_TIMEOUT_MS)
    .description("send one PING to a node and print its id and the round-trip time")
    .argument("<host:port>", "the node's address")
    .addHelpText("after", "\nExit: 0 it answered, 1 no answer, 4 timeout. --bootstrap is not needed.")
    .action(act(state, async (out, options: ClientOptions, where: string) => {
      const address = parseEndpoint(where);
      return runClient("ping", { ...options, bootstrap: [address] }, out, async ({ node, deadline }) => {
        const started = performance.now();
        try {
          const contact = await node.engine.ping(address, { signal: deadline.signal });
          const ms = Math.round((performance.now() - started) * 10) / 10;
          const id = toHex(contact.id);
          out.result(`pong from ${id} at ${show(contact)} in ${ms} ms`, { id, host: contact.host, port: contact.port, ms });
          return ExitCode.OK;
        } catch (error) {
          if (deadline.signal.aborted) throw error;
          throw new CliError(ExitCode.FAILED, `no answer from ${show(address)} (${String(error)}) — is a node running ` +
            `there? start one with \`plexus node --port ${address.port}\``);
        }
      }, false);
    }));
}
