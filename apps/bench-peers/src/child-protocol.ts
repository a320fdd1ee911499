import type { LibraryAdapter } from "./adapter.js";
import type { WorkloadOptions, WorkloadResult } from "./workload.js";

/** Libraries under comparison, in report order. */
export const LIBRARIES = ["plexus", "bittorrent-dht", "hyperdht", "hyperswarm", "libp2p-kad-dht"] as const;
/** One of {@link LIBRARIES}. */
export type LibraryName = (typeof LIBRARIES)[number];

/** Prefix of the one stdout line a child prints its {@link ChildReport} on. */
export const REPORT_PREFIX = "BENCH_PEERS_REPORT ";

/** What a child process runs: one library, one network size, one seed. */
export interface ChildTask extends WorkloadOptions {
  readonly library: LibraryName;
}

/** What a child reports back (JSON on stdout). */
export interface ChildReport {
  readonly library: LibraryName;
  readonly lookupKind: string;
  /** What the library does not do (from its adapter). */
  readonly lacks: LibraryAdapter["lacks"];
  /** The file `import "plexus"` resolved to in the child (it must be the built dist), for Plexus only. */
  readonly plexusEntry?: string | undefined;
  readonly result: WorkloadResult;
  /** User + system CPU seconds spent from the first join to the last node closed. */
  readonly cpuSeconds: number;
  /** User + system CPU seconds from the first join to the end of the lookups (before the realtime phases). */
  readonly dhtCpuSeconds: number;
  /** Peak resident set size of the child process, in MiB (process.resourceUsage().maxRSS). */
  readonly peakRssMiB: number;
  /** Resident set size just before the first node started (runtime + library code), after GC, in MiB. */
  readonly baselineRssMiB: number;
  /** Resident set size once every node has joined, after GC, in MiB. */
  readonly joinedRssMiB: number;
  /** V8 heap used + external memory before the first node started, after GC, in MiB. */
  readonly baselineLiveMiB: number;
  /** V8 heap used + external memory once every node has joined, after GC, in MiB (what the nodes retain). */
  readonly joinedLiveMiB: number;
  /** Wall time of the whole workload in ms. */
  readonly wallMs: number;
  /** Process warnings by name (e.g. MaxListenersExceededWarning), counted, not printed. */
  readonly warnings: Record<string, number>;
}

/** Parses a child's stdout; `undefined` when it printed no report. */
export function parseChildReport(stdout: string): ChildReport | undefined {
  const line = stdout.split("\n").find((l) => l.startsWith(REPORT_PREFIX));
  return line === undefined ? undefined : (JSON.parse(line.slice(REPORT_PREFIX.length)) as ChildReport);
}
