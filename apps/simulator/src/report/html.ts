import { describeLatency } from "../scenario.js";
import type { Study } from "../scenario.js";
import type { MeasuredPoint } from "../summary.js";
import { pointLabel } from "../summary.js";
import { chart, esc } from "./svg.js";
import type { Series } from "./svg.js";

const pct = (v: number): string => `${Number((v * 100).toPrecision(4))}%`;

/** Rows of the figures table: label, target (text), value per point. */
const ROWS: [string, string, (p: MeasuredPoint) => string][] = [
  ["build wall time", "≤ 60 s at 10k", (p) => `${(p.perf.buildWallMs / 1000).toFixed(1)} s`],
  ["heap per node", "100k fits", (p) => `${(p.perf.heapPerNodeBytes / 1024).toFixed(1)} KiB`],
  ["lookups per wall second", "≥ 1,000 at 10k", (p) => String(p.perf.lookupsPerWallSecond)],
  ["lookup rounds mean / p95", "≤ 4.5 / ≤ 6", (p) => `${p.result.lookups.roundsMean} / ${p.result.lookups.roundsP95}`],
  ["requests per lookup", "≤ 35", (p) => String(p.result.lookups.requestsMean)],
  ["true closest found", "≥ 99.5%", (p) => pct(p.result.lookups.exactRate)],
  ["share of true k closest", "≥ 95%", (p) => pct(p.result.lookups.topKShare)],
  ["lookup success after kill", "≥ 98% (30% killed)", (p) => pct(p.result.kill.lookups.exactRate)],
  ["stored values found after kill", "100% (30% killed)", (p) => pct(p.result.storage.foundRate)],
  ["broadcast coverage (min)", "≥ 99.9% (10% dead), ≥ 97% (30%)", (p) => `${pct(p.result.broadcast.coverageMean)} (${pct(p.result.broadcast.coverageMin)})`],
  ["broadcast messages per node", "≤ 10", (p) => `${p.result.broadcast.messagesPerNode} (all datagrams ${p.result.broadcast.datagramsPerNode}, repairs ${p.result.broadcast.repairs})`],
  ["topic delivery (after 10% churn)", "100% (≥ 99%)", (p) => p.result.realtime ? `${pct(p.result.realtime.deliveryRate)} (${pct(p.result.realtime.churnDeliveryRate)})` : "—"],
  ["requests per publish (20 subscribers)", "O(subscribers + r)", (p) => p.result.realtime ? String(p.result.realtime.requestsPerPublish) : "—"],
  ["publish-to-delivery mean / p95", "2 hops", (p) => p.result.realtime ? `${p.result.realtime.latencyMeanMs} / ${p.result.realtime.latencyP95Ms} ms` : "—"],
  ["direct success after 10% churn", "≥ 99%", (p) => p.result.realtime ? pct(p.result.realtime.directSuccessRate) : "—"],
];

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

/** Renders the self-contained report page (inline SVG, no scripts, no network). */
export function renderReport(study: Study, points: readonly MeasuredPoint[], command: string): string {
  const key = study.sweep?.key;
  const label = (p: MeasuredPoint): string => pointLabel(key, p.value);
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
  charts.push(chart({
    title: `Routing table fill per bucket (${label(first)})`, xLabel: "bucket (shared prefix bits)", yLabel: "contacts",
    series: [
      { name: "measured", kind: "bar", points: trimTail(first.result.table.fill).map((v, i) => [i, v]) },
      { name: "min(k, N/2^(i+1))", kind: "line", dashed: true,
        points: first.result.table.expected.slice(0, trimTail(first.result.table.fill).length).map((v, i) => [i, v]) },
    ],
  }));
  const head = `<tr><th>figure</th><th>target</th>${points.map((p) => `<th>${esc(label(p))}</th>`).join("")}</tr>`;
  const rows = ROWS.map(([name, target, f]) => `<tr><td>${esc(name)}</td><td>${esc(target)}</td>${points.map((p) => `<td>${esc(f(p))}</td>`).join("")}</tr>`);
  const sweep = study.sweep ? `; sweep of <b>${esc(study.sweep.key)}</b> over ${esc(study.sweep.values.join(", "))}` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plexus simulator: ${esc(s.name)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222;background:#fff}h1{font-size:20px;margin:0 0 4px}
.meta{color:#555;margin-bottom:12px}code{background:#f3f3f3;padding:1px 4px;border-radius:3px}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}th{background:#f5f5f5}
.grid{display:grid;grid-template-columns:repeat(auto-fill,540px);gap:12px}
svg{background:#fff;border:1px solid #e3e3e3;border-radius:4px;font-size:11px}svg .t{font-size:13px;font-weight:600}
svg .g{stroke:#eee}svg .a{stroke:#888}svg .r{stroke:#d00;stroke-dasharray:4 3}svg .rl{fill:#d00}
</style></head><body>
<h1>Plexus simulator — ${esc(s.name)}</h1>
<div class="meta">Real <code>@plexus/node</code> nodes on <code>@plexus/transport-memory</code> with a manual clock.
${first.result.build.nodes} nodes (${esc(s.join)} joins, ${s.joinBatch} at a time), seed ${s.seed}, k ${s.k}, alpha ${s.alpha},
redundancy ${s.redundancy}, latency ${esc(describeLatency(s.latency))}, loss ${s.loss}, churn ${s.churn}, kill ${s.kill}${sweep};
lookup phase on ${s.workers} replica${s.workers === 1 ? "" : "s"}.
<br>Command: <code>${esc(command)}</code></div>
<table>${head}${rows.join("")}</table>
<div class="grid">${charts.join("\n")}</div>
<p class="meta">Rounds: hop count of the path that discovered the closest contact returned (a contact from the origin's table is hop 1).
Wall-clock figures come from perf.json and vary between runs; everything else is deterministic for the seed.</p>
</body></html>
`;
}
