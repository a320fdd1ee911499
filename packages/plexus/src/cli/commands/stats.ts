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
    .addHelpText("after", "\nThe size estimate comes from how close the k nearest nodes to a random id are;\n" +
      "with fewer than k nodes it is the count of nodes found.\n" +
      "With --json, also prints the ephemeral node's full counters (`stats`).\n" +
      "Exit: 0 ok, 3 could not join, 4 timeout.")
    .action(act(state, async (out, options: ClientOptions) => runClient("stats", options, out, async ({ node, deadline }) => {
      const k = 20;
      const target = new Uint8Array(randomBytes(32));
      const closest = (await node.findNode(target, { signal: deadline.signal })).filter((c) => toHex(c.id) !== node.idHex);
      const estimate = estimateSize(target, closest.map((c) => c.id), k);
      const s = node.stats();
      const lines = [
        `contacts        ${s.tableSize}`,
        `network size    ~${estimate} node(s) (from ${closest.length} nodes near a random id)`,
        `rtt             ${s.rttMs.toFixed(1)} ms`,
        `lookups         ${s.lookups}`,
        `datagrams       ${s.transport.datagramsSent} sent, ${s.transport.datagramsReceived} received`,
      ];
      out.result(lines.join("\n"), { contacts: s.tableSize, estimatedSize: estimate, nearby: closest.length, rttMs: s.rttMs, stats: s });
      return ExitCode.OK;
    })));
}

/**
 * Network size from the k closest ids to a random target: ids are uniform, so the i-th
 * closest lies at about i / N of the id space; averaging i / d_i over the ids found gives N.
 * Fewer than k ids means the lookup saw the whole network (plus this client).
 */
export function estimateSize(target: Uint8Array, ids: readonly Uint8Array[], k: number): number {
  if (ids.length < k) return ids.length;
  const fractions = ids.map((id) => distanceFraction(target, id)).sort((a, b) => a - b);
  let sum = 0;
  fractions.forEach((f, i) => (sum += (i + 1) / Math.max(f, Number.MIN_VALUE)));
  return Math.round(sum / fractions.length);
}

/** XOR distance as a fraction of the id space (first 6 bytes are plenty for an estimate). */
function distanceFraction(a: Uint8Array, b: Uint8Array): number {
  let f = 0;
  for (let i = 0; i < 6; i++) f += ((a[i]! ^ b[i]!) / 256 ** (i + 1));
  return f;
}
