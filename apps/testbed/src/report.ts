/** The run's table: per pairing of host kinds, each feature's success and time to first delivery. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunResult } from "./run.js";
import { viaTable } from "./report-via.js";

const median = (values: number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Columns: the initial phase's features, then reachability after idle and after rebinding. */
function columns(result: RunResult): { phase: string; feature: string }[] {
  const seen = new Map<string, { phase: string; feature: string }>();
  for (const c of result.cells) seen.set(`${c.phase}/${c.feature}`, { phase: c.phase, feature: c.feature });
  return [...seen.values()];
}

/** Rows of `from kind -> to kind` with `ok/total (median ms)` per column. */
export function table(result: RunResult): string[][] {
  const label = (index: number): string => {
    const spec = result.hosts[index]!.spec;
    return `${spec.kind} ${spec.family}`;
  };
  const cols = columns(result);
  const rows = new Map<string, string[]>();
  const keys = [...new Set(result.cells.map((c) => `${label(c.from)} -> ${label(c.to)}`))].sort();
  for (const key of keys) {
    rows.set(key, cols.map(({ phase, feature }) => {
      const cells = result.cells.filter((c) => c.phase === phase && c.feature === feature && `${label(c.from)} -> ${label(c.to)}` === key);
      const ok = cells.filter((c) => c.ok);
      const ms = median(ok.map((c) => c.ms ?? 0));
      return cells.length === 0 ? "" : `${ok.length}/${cells.length}${ms === undefined ? "" : ` (${ms} ms)`}`;
    }));
  }
  return [["pairing", ...cols.map((c) => (c.phase === "initial" ? c.feature : `${c.feature} ${c.phase}`))], ...[...rows].map(([k, v]) => [k, ...v])];
}

/** One line per host: its kind and what its node concluded (NAT type, public address, client). */
export function reachabilityLines(result: RunResult): string[] {
  return result.reachability.map((r) => {
    const spec = result.hosts[r.host]!.spec;
    const address = r.publicAddress ? `${r.publicAddress.host}:${r.publicAddress.port}` : "-";
    const keepAlive = r.keepAlivesPerMinute === undefined ? "" : `, ${r.keepAlivesPerMinute} keep-alive PINGs/min while idle`
      + (r.idle ? ` (${r.idle.datagramsPerMinute} datagrams, ${r.idle.bytesPerMinute} B sent/min in all)` : "");
    const t = r.traversal;
    const traversal = t ? `; relays ${t.reservations}, reservations held ${t.reservationsServed}, punches ${t.punchesSucceeded}/${t.punchesTried} (answered ${t.punchesAnswered}), sent via relay ${t.sentViaRelay}, relayed ${t.relayedMessages} (${t.relayedBytes} B, ${t.relayDropped} dropped, ${t.relayedBridged ?? 0} bridged between families), renewals on rebind ${t.reservesOnRebind ?? 0}` : "";
    return `${spec.name} (${spec.kind} ${spec.family}): natType ${r.natType ?? "?"}, public address ${address}, ${r.client ? `client${r.clientAfterMs !== undefined ? ` (after ${r.clientAfterMs} ms)` : ""}` : "server"}, table ${r.tableSize ?? "?"}${keepAlive}${traversal}`;
  });
}

/** The servers' tables: entries nobody can reach unsolicited (target 0), per phase. */
export function tableLines(result: RunResult): string[] {
  return (result.tables ?? []).map(({ phase, figures: f }) => `public servers' routing tables ${phase}: ${f.unreachable}/${f.entries} entries unreachable `
    + `(${(f.share * 100).toFixed(1)}%)${f.examples.length ? `: ${f.examples.slice(0, 5).join("; ")}` : ""}`);
}

/** Keep-alive cost per NATed (or firewalled) node: medians over those hosts, per minute of idle. */
export function idleLines(result: RunResult): string[] {
  const behind = result.reachability.filter((r) => r.idle && result.hosts[r.host]!.spec.kind !== "public");
  if (behind.length === 0) return [];
  const pick = (f: (r: (typeof behind)[number]) => number): number => median(behind.map(f)) ?? 0;
  return [`per NATed/firewalled node while idle (median of ${behind.length}): ${pick((r) => r.keepAlivesPerMinute ?? 0)} NAT keep-alive PINGs/min, `
    + `${pick((r) => r.idle!.datagramsPerMinute)} datagrams/min and ${pick((r) => r.idle!.bytesPerMinute)} B/min sent in all`];
}

export function renderText(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")).join("\n");
}

export function renderMarkdown(result: RunResult, rows: string[][]): string {
  const joins = result.joins.filter((j) => j.ok).length;
  const lines = [
    `# Testbed run: ${result.topology.name}`,
    "",
    `${result.hosts.length} hosts; ${joins}/${result.joins.length} joined through the first. Each cell: pairs that worked / pairs tried (median ms to the first delivery).`,
    "",
    `| ${rows[0]!.join(" | ")} |`,
    `| ${rows[0]!.map(() => "---").join(" | ")} |`,
    ...rows.slice(1).map((r) => `| ${r.join(" | ")} |`),
    "",
    "How request and send went (d: direct, p: after a hole punch, r: through a relay; NAT: any host behind a router; public -> public pairs of different families included):",
    "",
    ...markdownRows(viaTable(result)),
    "",
    "What each node concluded about itself:",
    "",
    ...reachabilityLines(result).map((line) => `- ${line}`),
    "",
    ...[...tableLines(result), ...idleLines(result)].map((line) => `- ${line}`),
    "",
  ];
  return lines.join("\n");
}

function markdownRows(rows: string[][]): string[] {
  return [`| ${rows[0]!.join(" | ")} |`, `| ${rows[0]!.map(() => "---").join(" | ")} |`, ...rows.slice(1).map((r) => `| ${r.join(" | ")} |`)];
}

/** Writes report.json and report.md into `dir`. */
export function writeReport(dir: string, result: RunResult): void {
  mkdirSync(dir, { recursive: true });
  const rows = table(result);
  writeFileSync(join(dir, "report.json"), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, "report.md"), renderMarkdown(result, rows));
}
