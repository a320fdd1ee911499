/**
 * `plexus stats`: joins, looks up a random id, and prints what the network looks like from
 * there: contacts, an estimate of its size, round-trip time, traffic of the join.
 */
import { randomBytes } from "node:crypto";
import { toHex } from "@plexus/core";
import { Command } from "commander";
import { runClient } from "../client.js";
import type { ClientOptions } from "../client.js";
import { act, ExitCode, withClientOptions } from "../command-kit.js";
import type { RunState } from "../command-kit.js";

/** The `stats` subcommand. */
export function statsCommand(state: RunState): Command {
  return withClientOptions(new Command("stats"))
    .description("join, then print the network as seen from there: contacts, size estimate, RTT, traffic")
    .addHelpText("after", "\nThe size estimate is the node's own (`stats().networkSize`): the median over its\n" +
      "converged walks of how close the k nearest nodes to each target were; a walk that\n" +
      "found fewer than k nodes counts them.\n" +
      "With --json, also prints the ephemeral node's full counters (`stats`).\n" +
      "Exit: 0 ok, 3 could not join, 4 timeout.")
    .action(act(state, async (out, options: ClientOptions) => runClient("stats", options, out, async ({ node, deadline }) => {
      const target = new Uint8Array(randomBytes(32));
      const closest = (await node.findNode(target, { signal: deadline.signal })).filter((c) => toHex(c.id) !== node.idHex);
      const s = node.stats();
      const estimate = s.networkSize;
      const lines = [
        `contacts        ${s.tableSize}`,
        `network size    ~${estimate} node(s) (estimated from its lookups; ${closest.length} found near a random id)`,
        `rtt             ${s.rttMs.toFixed(1)} ms`,
        `lookups         ${s.lookups}`,
        `datagrams       ${s.transport.datagramsSent} sent, ${s.transport.datagramsReceived} received`,
      ];
      out.result(lines.join("\n"), { contacts: s.tableSize, estimatedSize: estimate, nearby: closest.length, rttMs: s.rttMs, stats: s });
      return ExitCode.OK;
    })));
}
