import type { ChildReport } from "./child-protocol.js";
import type { PhaseResult } from "./phase.js";

function count(name: string, phase: PhaseResult | undefined): string {
  return phase === undefined ? "" : `, ${name} ${phase.succeeded}/${phase.attempted}`;
}

/** One line per child on stderr while the run goes on. */
export function progressLine(report: ChildReport): string {
  const r = report.result;
  return `joined ${r.joined} in ${r.joinMs.toFixed(0)} ms${count("put", r.put)}${count("get", r.get)}`
    + `${count("lookup", r.lookup)}${count("direct", r.realtime?.direct)}${count("topic", r.realtime?.topic)}, `
    + `${report.cpuSeconds.toFixed(2)} CPU s, ${report.peakRssMiB.toFixed(0)} MiB`;
}
