/**
 * Child-process entry: runs the workload for one library so its CPU time and peak RSS
 * are its own. Reads the task as JSON from argv[2], prints one report line on stdout.
 */
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { LibraryAdapter } from "./adapter.js";
import type { ChildReport, ChildTask, LibraryName } from "./child-protocol.js";
import { REPORT_PREFIX } from "./child-protocol.js";
import { runWorkload } from "./workload.js";

const MIB = 1024 * 1024;

/** RSS and live JS memory (heap + external) after a full GC (children run with --expose-gc), in MiB. */
function settled(): { rss: number; live: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss / MIB, live: (usage.heapUsed + usage.external) / MIB };
}

/** Loads only the library under test, so the others' code is not in this process. */
async function loadAdapter(library: LibraryName): Promise<LibraryAdapter> {
  switch (library) {
    case "plexus": return (await import("./adapters/plexus.js")).plexusAdapter;
    case "bittorrent-dht": return (await import("./adapters/bittorrent-dht.js")).bittorrentDhtAdapter;
    case "hyperdht": return (await import("./adapters/hyperdht.js")).hyperdhtAdapter;
    case "hyperswarm": return (await import("./adapters/hyperswarm.js")).hyperswarmAdapter;
    case "libp2p-kad-dht": return (await import("./adapters/libp2p.js")).libp2pAdapter;
  }
}

/** Warnings counted by name; the parent runs children with --no-warnings. Bounded by the warning names. */
const warnings: Record<string, number> = {};
process.on("warning", (warning) => {
  warnings[warning.name] = (warnings[warning.name] ?? 0) + 1;
});
// A library's promise rejected with nobody listening (e.g. a dial given up at the operation's
// timeout): counted and shown in the report, not a crash that would lose the whole run.
process.on("unhandledRejection", (reason) => {
  const name = `unhandledRejection (${reason instanceof Error ? reason.name : typeof reason})`;
  warnings[name] = (warnings[name] ?? 0) + 1;
});

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? "") as ChildTask;
  const adapter = await loadAdapter(task.library);
  const baseline = settled();
  let joined = baseline;
  const before = process.resourceUsage();
  let dht = before;
  const start = performance.now();
  const result = await runWorkload(adapter, task, {
    afterJoin: () => { joined = settled(); },
    afterDht: () => { dht = process.resourceUsage(); },
  });
  const wallMs = performance.now() - start;
  const after = process.resourceUsage();
  const cpu = (to: NodeJS.ResourceUsage): number =>
    (to.userCPUTime - before.userCPUTime + to.systemCPUTime - before.systemCPUTime) / 1e6;
  const report: ChildReport = {
    library: task.library,
    lookupKind: adapter.lookupKind,
    lacks: adapter.lacks,
    plexusEntry: task.library === "plexus" ? fileURLToPath(import.meta.resolve("plexus")) : undefined,
    result,
    cpuSeconds: cpu(after),
    dhtCpuSeconds: cpu(dht),
    peakRssMiB: (after.maxRSS * 1024) / MIB,
    baselineRssMiB: baseline.rss,
    joinedRssMiB: joined.rss,
    baselineLiveMiB: baseline.live,
    joinedLiveMiB: joined.live,
    wallMs,
    warnings,
  };
  process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(report)}\n`);
  // Some libraries keep timers or sockets alive after destroy(); the report is out, so leave.
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-peers child failed: ${String(error)}\n`);
  process.exit(1);
});
