import type { Capability, LibraryAdapter } from "./adapter.js";
import type { ChildReport, LibraryName } from "./child-protocol.js";
import type { PhaseResult } from "./phase.js";
import { medianOfDefined, percentile } from "./stats.js";

const KIB = 1024;

/**
 * The metrics of the report, in row order: key, label, whether lower is better, and the
 * kind of work it needs (a library lacking it shows its mark, e.g. "cannot").
 */
export const METRICS = [
  { key: "joined", label: "nodes joined", lowerIsBetter: false, needs: "join" },
  { key: "joinMs", label: "join, all nodes (ms)", lowerIsBetter: true, needs: "join" },
  { key: "putP50", label: "put p50 (ms)", lowerIsBetter: true, needs: "store" },
  { key: "putP95", label: "put p95 (ms)", lowerIsBetter: true, needs: "store" },
  { key: "putOk", label: "put success (%)", lowerIsBetter: false, needs: "store" },
  { key: "getP50", label: "get p50 (ms)", lowerIsBetter: true, needs: "store" },
  { key: "getP95", label: "get p95 (ms)", lowerIsBetter: true, needs: "store" },
  { key: "getNetP50", label: "get p50, network lookups only (ms)", lowerIsBetter: true, needs: "store" },
  { key: "getNetP95", label: "get p95, network lookups only (ms)", lowerIsBetter: true, needs: "store" },
  { key: "getLocal", label: "gets answered from own store (%)", lowerIsBetter: false, needs: "store" },
  { key: "getOk", label: "get success (%)", lowerIsBetter: false, needs: "store" },
  { key: "lookupP50", label: "lookup p50 (ms)", lowerIsBetter: true, needs: "lookup" },
  { key: "lookupP95", label: "lookup p95 (ms)", lowerIsBetter: true, needs: "lookup" },
  { key: "lookupOk", label: "lookup completed (%)", lowerIsBetter: false, needs: "lookup" },
  { key: "lookupExact", label: "lookup found true closest (%)", lowerIsBetter: false, needs: "lookup" },
  { key: "topicP50", label: "topic join to first message p50 (ms)", lowerIsBetter: true, needs: "topics" },
  { key: "topicP95", label: "topic join to first message p95 (ms)", lowerIsBetter: true, needs: "topics" },
  { key: "topicOk", label: "topic first message received (%)", lowerIsBetter: false, needs: "topics" },
  { key: "directFirstP50", label: "direct: first round trip to a new peer p50 (ms)", lowerIsBetter: true, needs: "direct" },
  { key: "directFirstP95", label: "direct: first round trip to a new peer p95 (ms)", lowerIsBetter: true, needs: "direct" },
  { key: "directRepeatP50", label: "direct: next round trip p50 (ms)", lowerIsBetter: true, needs: "direct" },
  { key: "directRepeatP95", label: "direct: next round trip p95 (ms)", lowerIsBetter: true, needs: "direct" },
  { key: "sendP50", label: "direct: acknowledged send p50 (ms)", lowerIsBetter: true, needs: "direct" },
  { key: "directOk", label: "direct exchanges completed (%)", lowerIsBetter: false, needs: "direct" },
  { key: "cpuSeconds", label: "CPU, whole run (s)", lowerIsBetter: true, needs: "join" },
  { key: "dhtCpuMsPerNode", label: "CPU per node, joins to last lookup (ms)", lowerIsBetter: true, needs: "join" },
  { key: "realtimeCpuMsPerOp", label: "CPU per realtime exchange (ms)", lowerIsBetter: true, needs: "direct" },
  { key: "peakRssMiB", label: "peak RSS (MiB)", lowerIsBetter: true, needs: "join" },
  { key: "rssKiBPerNode", label: "peak RSS above baseline per node (KiB)", lowerIsBetter: true, needs: "join" },
  { key: "retainedKiBPerNode", label: "RSS after joins + GC, per node (KiB)", lowerIsBetter: true, needs: "join" },
  { key: "liveKiBPerNode", label: "live JS heap + external after joins + GC, per node (KiB)", lowerIsBetter: true, needs: "join" },
] as const satisfies readonly { key: string; label: string; lowerIsBetter: boolean; needs: Capability }[];

/** One metric's key. */
export type MetricKey = (typeof METRICS)[number]["key"];
/** Metric values of one run (`undefined`: not measurable for that library). */
export type MetricValues = Record<MetricKey, number | undefined>;

const p = (values: readonly number[] | undefined, at: number): number | undefined =>
  values === undefined ? undefined : percentile(values, at);

/** Turns one child report into the report's metrics. */
export function metricsOf(report: ChildReport): MetricValues {
  const { result } = report;
  const { put, get, lookup, realtime } = result;
  const n = result.nodes;
  const realtimeOps = realtime === undefined ? 0 : (realtime.topic?.attempted ?? 0) + realtime.direct.attempted;
  return {
    joined: result.joined,
    joinMs: result.joinMs,
    putP50: p(put?.latenciesMs, 50),
    putP95: p(put?.latenciesMs, 95),
    putOk: successPercent(put),
    getP50: p(get?.latenciesMs, 50),
    getP95: p(get?.latenciesMs, 95),
    getOk: successPercent(get),
    getNetP50: p(get?.networkLatenciesMs, 50),
    getNetP95: p(get?.networkLatenciesMs, 95),
    getLocal: get === undefined ? undefined : (100 * (get.localHits ?? 0)) / get.attempted,
    lookupP50: p(lookup?.latenciesMs, 50),
    lookupP95: p(lookup?.latenciesMs, 95),
    lookupOk: successPercent(lookup),
    lookupExact: lookup?.exact === undefined ? undefined : (100 * lookup.exact) / lookup.attempted,
    topicP50: p(realtime?.topic?.latenciesMs, 50),
    topicP95: p(realtime?.topic?.latenciesMs, 95),
    topicOk: successPercent(realtime?.topic),
    directFirstP50: p(realtime?.directFirstMs, 50),
    directFirstP95: p(realtime?.directFirstMs, 95),
    directRepeatP50: p(realtime?.directRepeatMs, 50),
    directRepeatP95: p(realtime?.directRepeatMs, 95),
    sendP50: p(realtime?.sendMs, 50),
    directOk: successPercent(realtime?.direct),
    cpuSeconds: report.cpuSeconds,
    dhtCpuMsPerNode: (report.dhtCpuSeconds * 1000) / n,
    realtimeCpuMsPerOp: realtimeOps === 0 ? undefined : ((report.cpuSeconds - report.dhtCpuSeconds) * 1000) / realtimeOps,
    peakRssMiB: report.peakRssMiB,
    rssKiBPerNode: (Math.max(0, report.peakRssMiB - report.baselineRssMiB) * KIB) / n,
    retainedKiBPerNode: (Math.max(0, report.joinedRssMiB - report.baselineRssMiB) * KIB) / result.joined,
    liveKiBPerNode: (Math.max(0, report.joinedLiveMiB - report.baselineLiveMiB) * KIB) / result.joined,
  };
}

function successPercent(phase: PhaseResult | undefined): number | undefined {
  if (phase === undefined) return undefined;
  return phase.attempted === 0 ? 0 : (100 * phase.succeeded) / phase.attempted;
}

/** Medians over rounds of every metric, per network size and library. */
export interface Aggregate {
  readonly nodes: number;
  readonly library: LibraryName;
  readonly rounds: number;
  readonly lookupKind: string;
  /** What the library does not do, with the mark the table shows. */
  readonly lacks: LibraryAdapter["lacks"];
  readonly medians: MetricValues;
  /** Process warnings summed over rounds, by name. */
  readonly warnings: Record<string, number>;
}

/** Groups reports by (size, library) and takes the median of each metric over rounds. */
export function aggregate(reports: readonly ChildReport[]): Aggregate[] {
  // Bounded: one group per (size, library) pair of the run.
  const groups = new Map<string, ChildReport[]>();
  for (const report of reports) {
    const id = `${report.result.nodes}|${report.library}`;
    groups.set(id, [...(groups.get(id) ?? []), report]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as ChildReport;
    const perRound = group.map(metricsOf);
    const medians = Object.fromEntries(METRICS.map(({ key }) =>
      [key, medianOfDefined(perRound.map((m) => m[key]))])) as MetricValues;
    const warnings: Record<string, number> = {};
    for (const report of group) {
      for (const [name, count] of Object.entries(report.warnings)) warnings[name] = (warnings[name] ?? 0) + count;
    }
    return { nodes: first.result.nodes, library: first.library, rounds: group.length, lookupKind: first.lookupKind,
      lacks: first.lacks, medians, warnings };
  });
}
