/**
 * `pnpm bench:peers`: runs the same local workload on Plexus, bittorrent-dht, hyperdht,
 * hyperswarm and @libp2p/kad-dht (on libp2p),
 * each in its own child process, for every network size and round, and prints a markdown
 * report (also written to out/results.md; with --write-docs, into docs/benchmarks.md).
 * Flags: --rounds 3 --sizes 50,200 --ops 100 --libraries <all> --write-docs.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { aggregate } from "./aggregate.js";
import type { ChildReport, ChildTask } from "./child-protocol.js";
import { LIBRARIES } from "./child-protocol.js";
import { replaceSection } from "./docs-section.js";
import { machineInfo } from "./machine.js";
import { renderReport } from "./report.js";
import type { RunSettings } from "./report.js";
import { progressLine } from "./progress.js";
import { runChild } from "./run-child.js";

const VALUE_BYTES = 100;
const JOIN_CONCURRENCY = 10;
const JOIN_TIMEOUT_MS = 15_000;
const OP_TIMEOUT_MS = 5_000;
const PHASE_BUDGET_MS = 45_000;
/** No join starts after this long (libp2p at N = 200 on 2 shared cores needs it). */
const JOIN_BUDGET_MS = 120_000;
/** A child is killed after this long (join budget + 5 phase budgets + last joins and closing, with room). */
const CHILD_TIMEOUT_MS = 480_000;
/** Packages whose versions the report names. */
const PACKAGES = ["plexus", "bittorrent-dht", "hyperdht", "hyperswarm", "libp2p", "@libp2p/kad-dht"];

const argv = process.argv.slice(2);
const { values: flags } = parseArgs({
  // `pnpm bench:peers -- --rounds 1` (or `--write-docs -- --rounds 1`) passes the `--` through.
  args: argv.filter((arg) => arg !== "--"),
  options: {
    rounds: { type: "string", default: "3" },
    sizes: { type: "string", default: "50,200" },
    ops: { type: "string", default: "100" },
    libraries: { type: "string", default: LIBRARIES.join(",") },
    "write-docs": { type: "boolean", default: false },
  },
});

const rounds = Number(flags.rounds);
const sizes = flags.sizes.split(",").map(Number);
const ops = Number(flags.ops);
const libraries = LIBRARIES.filter((l) => flags.libraries.split(",").includes(l));
if (!(rounds >= 1) || !(ops >= 1) || sizes.some((n) => !(n >= 2))) {
  throw new Error("--rounds and --ops must be >= 1, every --sizes entry >= 2");
}
if (!libraries.includes("plexus") || libraries.length < 2) {
  throw new Error(`--libraries names plexus and at least one of ${LIBRARIES.slice(1).join(", ")}`);
}

function version(pkg: string): string {
  const file = new URL(`../node_modules/${pkg}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

async function main(): Promise<void> {
  // Bounded: rounds × sizes × libraries reports.
  const reports: ChildReport[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const nodes of sizes) {
      // Rotate the order each round so no library always runs first (or on a warmer machine).
      const order = libraries.map((_, i) => libraries[(i + round) % libraries.length]!);
      for (const library of order) {
        const task: ChildTask = {
          library, nodes, seed: 1_000 * (round + 1) + nodes, joinConcurrency: JOIN_CONCURRENCY, ops,
          valueBytes: VALUE_BYTES, joinTimeoutMs: JOIN_TIMEOUT_MS, joinBudgetMs: JOIN_BUDGET_MS, opTimeoutMs: OP_TIMEOUT_MS,
          phaseBudgetMs: PHASE_BUDGET_MS,
        };
        let report: ChildReport;
        try {
          report = await runChild(task, CHILD_TIMEOUT_MS);
        } catch (error) {
          process.stderr.write(`round ${round + 1}/${rounds} N=${nodes} ${library}: FAILED ${String(error)}\n`);
          continue;
        }
        // Plexus is measured as users run it: from its built dist, never its TypeScript sources.
        if (report.plexusEntry !== undefined && !/[/\\]dist[/\\]/.test(report.plexusEntry)) {
          throw new Error(`plexus ran from ${report.plexusEntry}, not from its built dist`);
        }
        reports.push(report);
        process.stderr.write(`round ${round + 1}/${rounds} N=${nodes} ${library}: ${progressLine(report)}\n`);
      }
    }
  }
  const settings: RunSettings = {
    rounds, sizes, ops, valueBytes: VALUE_BYTES, joinConcurrency: JOIN_CONCURRENCY, opTimeoutMs: OP_TIMEOUT_MS,
    versions: Object.fromEntries(PACKAGES.map((p) => [p, version(p)])),
  };
  const markdown = renderReport(aggregate(reports), settings, machineInfo());
  process.stdout.write(`\n${markdown}`);
  const outDir = new URL("../out/", import.meta.url);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(new URL("results.md", outDir), markdown);
  writeFileSync(new URL("results.json", outDir), JSON.stringify(reports, null, 1));
  if (flags["write-docs"]) {
    const docs = new URL("../../../docs/benchmarks.md", import.meta.url);
    writeFileSync(docs, replaceSection(existsSync(docs) ? readFileSync(docs, "utf8") : undefined, markdown));
    process.stderr.write("wrote docs/benchmarks.md\n");
  }
}

await main();
