/**
 * `pnpm testbed [--topology file] [--out dir]`: builds the topology in network namespaces
 * (root only), runs the scenarios, prints the table and writes report.json and report.md.
 */
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadTopology } from "./lab/topology.js";
import { idleLines, reachabilityLines, renderText, table, tableLines, writeReport } from "./report.js";
import { viaTable } from "./report-via.js";
import { runTestbed } from "./run.js";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"), // `pnpm testbed -- --out x` passes the `--` on
  options: {
    topology: { type: "string", default: join(here, "..", "topologies", "small.json") },
    out: { type: "string", default: "testbed-report" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log("usage: pnpm testbed [-- --topology <file.json>] [--out <dir>]\n(root: builds network namespaces, NAT routers; removes them at the end)");
  process.exit(0);
}
if (process.getuid?.() !== 0) {
  console.error("the testbed builds network namespaces and needs root (sudo pnpm testbed)");
  process.exit(2);
}
const result = await runTestbed({
  topology: loadTopology(values.topology),
  agentArgv: [process.execPath, join(here, "agent.js")],
  log: (line) => console.error(line),
});
console.log(renderText(table(result)));
console.log(renderText(viaTable(result)));
console.log([...reachabilityLines(result), ...tableLines(result), ...idleLines(result)].join("\n"));
writeReport(values.out, result);
console.error(`report: ${join(values.out, "report.md")}`);
