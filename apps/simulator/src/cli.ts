import { setMaxListeners } from "node:events";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { USAGE, parseArgs } from "./args.js";
import { ProgressBar } from "./progress.js";
import { runStudy, writeOutputs } from "./study.js";
import { summarizePoint, pointLabel } from "./summary.js";

/** Where `pnpm sim` was typed (pnpm runs scripts in the package dir and sets INIT_CWD). */
const userCwd = process.env.INIT_CWD ?? process.cwd();
// Many simulated operations may share one AbortSignal; Node's default warning at 11
// listeners is noise here.
setMaxListeners(256);
/** Above this many nodes, more than one replica is worth a warning (memory). */
const REPLICATED_NODES_WARNING = 50_000;
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv.map((a, i) => (argv[i - 1] === "--scenario" ? resolve(userCwd, a) : a)));
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { study } = options;
  const largest = Math.max(study.base.nodes, ...(study.sweep?.key === "nodes" ? study.sweep.values : []));
  if (study.base.workers > 1 && largest > REPLICATED_NODES_WARNING) {
    process.stderr.write(`sim: --workers ${study.base.workers} builds ${study.base.workers} networks of up to ${largest} nodes `
      + `(each ~90 KB per node at peak); --workers 1 keeps one\n`);
  }
  const out = options.out !== undefined ? resolve(userCwd, options.out) : resolve(packageDir, "out", study.base.name);
  const bar = new ProgressBar(!options.quiet && process.stderr.isTTY === true);
  const args = argv.filter((a) => a !== "--");
  const command = args.length === 0 ? "pnpm sim" : `pnpm sim -- ${args.join(" ")}`;
  // Outputs are rewritten after every sweep point, so a long sweep cut short keeps what it measured.
  const points = await runStudy(study, (label) => {
    bar.prefix(label);
    return (phase, done, total) => bar.update(phase, done, total);
  }, (done) => writeOutputs(out, study, done, command));
  bar.done();
  if (!options.quiet) {
    for (const p of points) process.stdout.write(`${summarizePoint(pointLabel(study.sweep?.key, p.value), p).join("\n")}\n`);
    process.stdout.write(`\nwrote ${out}/{results.json,perf.json,report.html,report.svg}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
