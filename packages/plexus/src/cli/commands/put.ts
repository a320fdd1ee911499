/** `plexus put <value> [--key K]`: stores a value on the closest nodes and prints its key. */
import { toHex } from "@plexus/core";
import { Command } from "commander";
import { parseInput, parseSeconds } from "../arguments.js";
import { runClient } from "../client.js";
import type { ClientOptions } from "../client.js";
import { act, ExitCode, withClientOptions } from "../command-kit.js";
import type { RunState } from "../command-kit.js";

interface PutCliOptions extends ClientOptions {
  readonly key?: string;
  readonly ttl?: number;
  readonly jsonInput?: boolean;
}

/** The `put` subcommand. */
export function putCommand(state: RunState): Command {
  return withClientOptions(new Command("put"))
    .description("store a value on the nodes closest to its key; prints the key")
    .argument("<value>", "the value: a string (or JSON with --json-input)")
    .option("-k, --key <key>", "64 hex characters, or any text (hashed with SHA-256); default: SHA-256 of the encoded value")
    .option("--ttl <seconds>", "time to live (default 24 h); nobody republishes it after this command exits", parseSeconds)
    .option("--json-input", "read <value> as JSON (stored as MessagePack)")
    .addHelpText("after", "\nExit: 0 stored, 1 no node acknowledged, 3 could not join, 4 timeout.\n" +
      "Example: plexus put hello -b 127.0.0.1:9000")
    .action(act(state, async (out, options: PutCliOptions, text: string) => {
      const value = parseInput(text, options.jsonInput);
      return runClient("put", options, out, async ({ node, deadline }) => {
        const item = await node.put(options.key, value, {
          signal: deadline.signal, ...(options.ttl !== undefined ? { ttlMs: options.ttl } : {}),
        });
        const key = toHex(item.key);
        if (item.stored === 0) {
          out.log("failed", `no node acknowledged the store of ${key} (${item.failed} refused or silent)`);
          out.result(key, { key, stored: 0, failed: item.failed });
          return ExitCode.FAILED;
        }
        out.result(key, { key, stored: item.stored, failed: item.failed });
        if (!out.json) out.log("stored", `on ${item.stored} node(s), ${item.failed} failed`);
        return ExitCode.OK;
      });
    }));
}
