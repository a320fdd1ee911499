import type { Aggregate } from "./aggregate.js";
import { METRICS } from "./aggregate.js";
import type { Capability } from "./adapter.js";
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

/** The mark a library shows where it lacks what the metric needs ("cannot", ...), or `undefined`. */
function markOf(aggregate: Aggregate | undefined, needs: Capability): string | undefined {
  return aggregate?.lacks[needs]?.mark;
}

/**
 * One markdown table for one network size: metrics as rows, libraries and ratios as
 * columns; where a library lacks what a metric needs, its mark ("cannot", ...) instead.
 */
export function sizeTable(nodes: number, aggregates: readonly Aggregate[]): string {
  const byLibrary = new Map<LibraryName, Aggregate>();
  for (const a of aggregates) if (a.nodes === nodes) byLibrary.set(a.library, a);
  const others = LIBRARIES.filter((l) => l !== "plexus" && byLibrary.has(l));
  const present = LIBRARIES.filter((l) => byLibrary.has(l));
  const header = ["metric (median of rounds)", ...present, ...others.map((o) => `plexus / ${o}`)];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`];
  const plexus = byLibrary.get("plexus");
  for (const { key, label, needs } of METRICS) {
    const values = present.map((l) => {
      const a = byLibrary.get(l);
      return markOf(a, needs) ?? format(a?.medians[key]);
    });
    const ours = plexus?.medians[key];
    const ratios = others.map((o) => {
      const a = byLibrary.get(o);
      return markOf(a, needs) ?? markOf(plexus, needs) ?? formatRatio(ratio(ours, a?.medians[key]));
    });
    lines.push(`| ${[label, ...values, ...ratios].join(" | ")} |`);
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
      + `${settings.ops} lookups of ${settings.valueBytes}-byte values from random nodes, then ${settings.ops} `
      + `direct exchanges and ${settings.ops} topic joins between random pairs of nodes, one at a time, `
      + `${settings.opTimeoutMs} ms timeout each. ${settings.rounds} rounds; medians shown. Ratio < 1× means `
      + `Plexus is lower (better for times, CPU and memory; worse for success rates). The machine is `
      + `shared: figures are noisy, compare ratios within one run.`,
  ];
  for (const nodes of settings.sizes) {
    out.push("", `### N = ${nodes}`, "", sizeTable(nodes, aggregates));
  }
  const lacking = new Map(aggregates.flatMap((a) => Object.entries(a.lacks).map(([need, l]) =>
    [`${a.library} ${need}`, `${a.library}, ${need}: "${l.mark}" (${l.why})`] as const)));
  if (lacking.size > 0) out.push("", "Where a library does not do something: " + [...lacking.values()].join("; ") + ".");
  out.push("", "Realtime rows: topic join = from the joiner's subscribe (Plexus) or `join(topic)` (hyperswarm) "
    + "to the first message of the peer hosting the topic (Plexus: it publishes once the subscription landed; "
    + "hyperswarm: it greets each new connection); first round trip = to a peer not talked to before, finding "
    + "it and connecting included (Plexus `request`, hyperswarm `joinPeer` + echo, libp2p `dialProtocol` + echo, "
    + "on a connection the DHT may already have open); next round trip = a second one on the same channel. "
    + "Only Plexus has a one-way send that resolves on the peer's acknowledgement; a stream write resolves "
    + "locally, so the round-trip rows are the comparable ones. \"CPU per node, joins to last lookup\" covers "
    + "only the joins for hyperswarm (it does no puts, gets or lookups).");
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
