import type { Aggregate } from "./aggregate.js";
import { METRICS } from "./aggregate.js";
import type { LibraryName } from "./child-protocol.js";
import { LIBRARIES } from "./child-protocol.js";
import type { MachineInfo } from "./machine.js";
import { ratio } from "./stats.js";

/** How the run was set up, printed above the tables. */
export interface RunSettings {
  readonly rounds: number;
  readonly sizes: readonly number[];
  readonly ops: number;
  readonly valueBytes: number;
  readonly joinConcurrency: number;
  readonly opTimeoutMs: number;
  readonly versions: Readonly<Record<string, string>>;
}

function format(value: number | undefined): string {
  if (value === undefined) return "n/a";
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatRatio(value: number | undefined): string {
  return value === undefined ? "n/a" : `${value.toFixed(2)}×`;
}

/** One markdown table for one network size: metrics as rows, libraries and ratios as columns. */
export function sizeTable(nodes: number, aggregates: readonly Aggregate[]): string {
  const byLibrary = new Map<LibraryName, Aggregate>();
  for (const a of aggregates) if (a.nodes === nodes) byLibrary.set(a.library, a);
  const others = LIBRARIES.filter((l) => l !== "plexus" && byLibrary.has(l));
  const present = LIBRARIES.filter((l) => byLibrary.has(l));
  const header = ["metric (median of rounds)", ...present, ...others.map((o) => `plexus / ${o}`)];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`];
  for (const { key, label } of METRICS) {
    const values = present.map((l) => byLibrary.get(l)?.medians[key]);
    const ours = byLibrary.get("plexus")?.medians[key];
    const ratios = others.map((o) => formatRatio(ratio(ours, byLibrary.get(o)?.medians[key])));
    lines.push(`| ${[label, ...values.map(format), ...ratios].join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The whole markdown report: setup, one table per size, what the lookup column means, warnings. */
export function renderReport(aggregates: readonly Aggregate[], settings: RunSettings, machine: MachineInfo): string {
  const versions = Object.entries(settings.versions).map(([name, v]) => `${name} ${v}`).join(", ");
  const out = [
    `Run on ${machine.date}, Node ${machine.node}, ${machine.cores} cores (${machine.cpuModel}), `
      + `${machine.memoryGiB} GiB, ${machine.platform}. Libraries: ${versions}.`,
    "",
    `Per library and size: one child process, all nodes on 127.0.0.1, joins through one bootstrap node `
      + `(${settings.joinConcurrency} joins in flight), then ${settings.ops} puts, ${settings.ops} gets and `
      + `${settings.ops} lookups of ${settings.valueBytes}-byte values from random nodes, one at a time, `
      + `${settings.opTimeoutMs} ms timeout each. ${settings.rounds} rounds; medians shown. Ratio < 1× means `
      + `Plexus is lower (better for times, CPU and memory; worse for success rates).`,
  ];
  for (const nodes of settings.sizes) {
    out.push("", `### N = ${nodes}`, "", sizeTable(nodes, aggregates));
  }
  const kinds = new Map(aggregates.map((a) => [a.library, a.lookupKind]));
  out.push("", "Lookup column per library: "
    + [...kinds].map(([library, kind]) => `${library}: ${kind}`).join("; ") + ".");
  const warned = aggregates.filter((a) => Object.keys(a.warnings).length > 0);
  if (warned.length > 0) {
    out.push("", "Process warnings (all rounds): " + warned.map((a) => `${a.library} N=${a.nodes}: `
      + Object.entries(a.warnings).map(([name, count]) => `${count}× ${name}`).join(", ")).join("; ") + ".");
  }
  return out.join("\n") + "\n";
}
