/**
 * `metricsText(node)`: the node's counters in the Prometheus text exposition format
 * (version 0.0.4), as `plexus node --metrics PORT` serves them. A minimal version built
 * from `node.stats()`: every number becomes `plexus_<name>`, per-type message counts
 * become `plexus_messages_{sent,received}_total{type="..."}`, the socket's counters
 * `plexus_transport_<name>`.
 */
import type { FacadeStats } from "../types.js";

/** Anything with the facade's `stats()`. */
export interface StatsSource {
  stats(): FacadeStats;
}

/** The exposition text of one scrape. */
export function metricsText(node: StatsSource): string {
  const stats = node.stats();
  const lines: string[] = [];
  const { sent, received, transport, ...rest } = stats;
  for (const [name, value] of Object.entries(rest)) {
    if (typeof value === "number") lines.push(...metric(`plexus_${snake(name)}`, value, GAUGES.has(name)));
  }
  for (const [name, value] of Object.entries(transport)) {
    if (typeof value === "number") lines.push(...metric(`plexus_transport_${snake(name)}`, value, false));
  }
  for (const [direction, counts] of [["sent", sent], ["received", received]] as const) {
    const name = `plexus_messages_${direction}_total`;
    lines.push(`# TYPE ${name} counter`);
    for (const [type, n] of Object.entries(counts)) lines.push(`${name}{type="${escapeLabel(type)}"} ${n}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Gauges are the instantaneous readings; everything else only grows. */
const GAUGES = new Set(["rpcInFlight", "rpcQueued", "rttMs", "rtoMs", "tableSize", "records"]);

function metric(name: string, value: number, gauge: boolean): string[] {
  return [`# TYPE ${name} ${gauge ? "gauge" : "untyped"}`, `${name} ${value}`];
}

/** `rpcTimeouts` -> `rpc_timeouts`. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[^a-z0-9_]/g, "_");
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
