import type { ChildReport, LibraryName } from "./child-protocol.js";
import { medianOfDefined, percentile } from "./stats.js";
import type { PhaseResult } from "./workload.js";

const KIB = 1024;

/** The metrics of the report, in row order: key, label, and whether lower is better. */
export const METRICS = [
  { key: "joined", label: "nodes joined", lowerIsBetter: false },
  { key: "joinMs", label: "join, all nodes (ms)", lowerIsBetter: true },
  { key: "putP50", label: "put p50 (ms)", lowerIsBetter: true },
  { key: "putP95", label: "put p95 (ms)", lowerIsBetter: true },
  { key: "putOk", label: "put success (%)", lowerIsBetter: false },
  { key: "getP50", label: "get p50 (ms)", lowerIsBetter: true },
  { key: "getP95", label: "get p95 (ms)", lowerIsBetter: true },
  { key: "getNetP50", label: "get p50, network lookups only (ms)", lowerIsBetter: true },
  { key: "getNetP95", label: "get p95, network lookups only (ms)", lowerIsBetter: true },
  { key: "getLocal", label: "gets answered from own store (%)", lowerIsBetter: false },
  { key: "getOk", label: "get success (%)", lowerIsBetter: false },
  { key: "lookupP50", label: "lookup p50 (ms)", lowerIsBetter: true },
  { key: "lookupP95", label: "lookup p95 (ms)", lowerIsBetter: true },
  { key: "lookupOk", label: "lookup completed (%)", lowerIsBetter: false },
  { key: "lookupExact", label: "lookup found true closest (%)", lowerIsBetter: false },
  { key: "cpuSeconds", label: "CPU, whole run (s)", lowerIsBetter: true },
  { key: "cpuMsPerNode", label: "CPU per node (ms)", lowerIsBetter: true },
  { key: "peakRssMiB", label: "peak RSS (MiB)", lowerIsBetter: true },
  { key: "rssKiBPerNode", label: "peak RSS above baseline per node (KiB)", lowerIsBetter: true },
  { key: "retainedKiBPerNode", label: "RSS after joins + GC, per node (KiB)", lowerIsBetter: true },
  { key: "liveKiBPerNode", label: "live JS heap + external after joins + GC, per node (KiB)", lowerIsBetter: true },
] as const;

/** One metric's key. */
export type MetricKey = (typeof METRICS)[number]["key"];
/** Metric values of one run (`undefined`: not measurable for that library). */
export type MetricValues = Record<MetricKey, number | undefined>;

/** Turns one child report into the report's metrics. */
export function metricsOf(report: ChildReport): MetricValues {
  const { result } = report;
  const n = result.nodes;
  const lookupListed = result.lookup.exact !== undefined;
  return {
    joined: result.joined,
    joinMs: result.joinMs,
    putP50: percentile(result.put.latenciesMs, 50),
    putP95: percentile(result.put.latenciesMs, 95),
    putOk: successPercent(result.put),
    getP50: percentile(result.get.latenciesMs, 50),
    getP95: percentile(result.get.latenciesMs, 95),
    getOk: successPercent(result.get),
    getNetP50: percentile(result.get.networkLatenciesMs ?? [], 50),
    getNetP95: percentile(result.get.networkLatenciesMs ?? [], 95),
    getLocal: (100 * (result.get.localHits ?? 0)) / result.get.attempted,
    lookupP50: percentile(result.lookup.latenciesMs, 50),
    lookupP95: percentile(result.lookup.latenciesMs, 95),
    lookupOk: successPercent(result.lookup),
    lookupExact: lookupListed ? (100 * (result.lookup.exact ?? 0)) / result.lookup.attempted : undefined,
    cpuSeconds: report.cpuSeconds,
    cpuMsPerNode: (report.cpuSeconds * 1000) / n,
    peakRssMiB: report.peakRssMiB,
    rssKiBPerNode: (Math.max(0, report.peakRssMiB - report.baselineRssMiB) * KIB) / n,
    retainedKiBPerNode: (Math.max(0, report.joinedRssMiB - report.baselineRssMiB) * KIB) / result.joined,
    liveKiBPerNode: (Math.max(0, report.joinedLiveMiB - report.baselineLiveMiB) * KIB) / result.joined,
  };
}

function successPercent(phase: PhaseResult): number {
  return phase.attempted === 0 ? 0 : (100 * phase.succeeded) / phase.attempted;
}

/** Medians over rounds of every metric, per network size and library. */
export interface Aggregate {
  readonly nodes: number;
  readonly library: LibraryName;
  readonly rounds: number;
  readonly lookupKind: string;
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
      medians, warnings };
  });
}
