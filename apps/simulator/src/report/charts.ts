import type { Study } from "../scenario.js";
import type { MeasuredPoint } from "../summary.js";
import { pointLabel } from "../summary.js";
import { chart } from "./svg.js";
import type { Series } from "./svg.js";

const pct = (v: number): string => `${Number((v * 100).toPrecision(4))}%`;

/** Histogram counts as [value, share of lookups] points, from one below the first non-zero count. */
function shares(histogram: readonly number[], trim = false): [number, number][] {
  const total = histogram.reduce((a, b) => a + b, 0) || 1;
  const from = trim ? Math.max(0, histogram.findIndex((c) => c > 0) - 1) : 0;
  return histogram.map((c, i): [number, number] => [i, c / total]).slice(from);
}

/** Drops trailing buckets that hold (almost) nothing. */
function trimTail(values: readonly number[]): number[] {
  let end = values.length;
  while (end > 1 && values[end - 1]! < 0.05) end--;
  return values.slice(0, end);
}

/** The report's charts, each an SVG element string (520 x 300). */
export function reportCharts(study: Study, points: readonly MeasuredPoint[]): string[] {
  const label = (p: MeasuredPoint): string => pointLabel(study.sweep?.key, p.value);
  const many = points.length > 1;
  const kind = many ? "line" as const : "bar" as const;
  const first = points[0]!;
  const s = study.base;
  const charts: string[] = [];
  charts.push(chart({
    title: "Lookup rounds (hops to the closest found)", xLabel: "rounds", yLabel: "share of lookups",
    series: points.map((p) => ({ name: label(p), kind, points: shares(p.result.lookups.roundsHistogram) })),
    refX: [{ x: Math.log2(first.result.build.nodes), label: `log2 N = ${Math.log2(first.result.build.nodes).toFixed(1)}` }],
  }));
  charts.push(chart({
    title: "Messages (FIND_NODE requests) per lookup", xLabel: "requests", yLabel: "share of lookups",
    series: points.map((p) => ({ name: label(p), kind: "step", points: shares(p.result.lookups.requestsHistogram, true) })),
  }));
  charts.push(chart({
    title: "Lookup latency CDF (simulated)", xLabel: "ms", yLabel: "lookups done", yMax: 1, yFormat: pct,
    series: points.map((p) => ({ name: label(p), kind: "line", points: p.result.lookups.latencyCdf })),
  }));
  if (study.sweep && many) {
    const line = (name: string, f: (p: MeasuredPoint) => number): Series =>
      ({ name, kind: "line", points: points.map((p) => [p.value!, f(p)]) });
    charts.push(chart({
      title: `Success vs ${study.sweep.key}`, xLabel: study.sweep.key, yLabel: "share", yFormat: pct, yMax: 1,
      yMin: Math.min(0.9, ...points.map((p) => Math.min(p.result.kill.lookups.exactRate, p.result.kill.lookups.topKShare, p.result.storage.foundRate, p.result.broadcast.coverageMin, p.result.lookups.exactRate))),
      series: [
        line("true closest", (p) => p.result.lookups.exactRate),
        line(`true ${s.k} closest`, (p) => p.result.lookups.topKShare),
        line("success after kill", (p) => p.result.kill.lookups.exactRate),
        line(`true ${s.k} closest after kill`, (p) => p.result.kill.lookups.topKShare),
        line("values found", (p) => p.result.storage.foundRate),
        line("broadcast coverage", (p) => p.result.broadcast.coverageMin),
      ],
    }));
  }
  charts.push(chart({
    title: "Broadcast coverage over simulated time", xLabel: "ms since start", yLabel: "live nodes reached", yMax: 1, yFormat: pct,
    series: points.map((p) => ({ name: label(p), kind: "line", points: p.result.broadcast.curve })),
  }));
  charts.push(chart({
    title: "Broadcast messages per live node", xLabel: many ? `point (${points.map(label).join(", ")})` : "", yLabel: "messages per node",
    series: [
      { name: "BROADCAST", kind: "bar", points: points.map((p, i) => [i + 1, p.result.broadcast.messagesPerNode]) },
      { name: "ACK", kind: "bar", points: points.map((p, i) => [i + 1, p.result.broadcast.acksPerNode]) },
    ],
  }));
  const fill = trimTail(first.result.table.fill);
  charts.push(chart({
    title: `Routing table fill per bucket (${label(first)})`, xLabel: "bucket (shared prefix bits)", yLabel: "contacts",
    series: [
      { name: "measured", kind: "bar", points: fill.map((v, i) => [i, v]) },
      { name: "min(k, N/2^(i+1))", kind: "line", dashed: true,
        points: first.result.table.expected.slice(0, fill.length).map((v, i) => [i, v]) },
    ],
  }));
  return charts;
}
