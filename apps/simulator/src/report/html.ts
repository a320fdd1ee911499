import { describeLatency } from "../scenario.js";
import type { Study } from "../scenario.js";
import type { MeasuredPoint } from "../summary.js";
import { pointLabel } from "../summary.js";
import { reportCharts } from "./charts.js";
import { figureLines } from "./figures.js";
import { CHART_CSS, esc } from "./svg.js";

/** One line describing the run: nodes, seed, parameters, sweep, replicas. */
export function describeRun(study: Study, points: readonly MeasuredPoint[]): string {
  const s = study.base;
  const sweep = study.sweep ? `; sweep of ${study.sweep.key} over ${study.sweep.values.join(", ")}` : "";
  return `${points[0]!.result.build.nodes} nodes (${s.join} joins, ${s.joinBatch} at a time), seed ${s.seed}, k ${s.k}, ` +
    `alpha ${s.alpha}, redundancy ${s.redundancy}, latency ${describeLatency(s.latency)}, loss ${s.loss}, churn ${s.churn}, ` +
    `kill ${s.kill}${sweep}; lookup phase on ${s.workers} replica${s.workers === 1 ? "" : "s"}.`;
}

/** Renders the self-contained report page (inline SVG, no scripts, no network). */
export function renderReport(study: Study, points: readonly MeasuredPoint[], command: string): string {
  const s = study.base;
  const head = `<tr><th>figure</th><th>target</th>${points.map((p) => `<th>${esc(pointLabel(study.sweep?.key, p.value))}</th>`).join("")}</tr>`;
  const rows = figureLines(points).map((f) =>
    `<tr><td>${esc(f.name)}</td><td${f.offSize ? ' class="off"' : ""}>${esc(f.target)}</td>${f.values.map((v) => `<td>${esc(v)}</td>`).join("")}</tr>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plexus simulator: ${esc(s.name)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222;background:#fff}h1{font-size:20px;margin:0 0 4px}
.meta{color:#555;margin-bottom:12px}code{background:#f3f3f3;padding:1px 4px;border-radius:3px}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}th{background:#f5f5f5}
td.off{color:#888}
.grid{display:grid;grid-template-columns:repeat(auto-fill,540px);gap:12px}
svg{background:#fff;border:1px solid #e3e3e3;border-radius:4px;font-size:11px}${CHART_CSS}
</style></head><body>
<h1>Plexus simulator — ${esc(s.name)}</h1>
<div class="meta">Real <code>@plexus/node</code> nodes on <code>@plexus/transport-memory</code> with a manual clock.
${esc(describeRun(study, points))}
<br>Command: <code>${esc(command)}</code></div>
<table>${head}${rows.join("")}</table>
<div class="grid">${reportCharts(study, points).join("\n")}</div>
<p class="meta">Rounds: hop count of the path that discovered the closest contact returned (a contact from the origin's table is hop 1).
Targets in grey are set for another network size than this run's and are not compared with it.
Wall-clock figures come from perf.json and vary between runs; everything else is deterministic for the seed.</p>
</body></html>
`;
}
