import type { Study } from "../scenario.js";
import type { MeasuredPoint } from "../summary.js";
import { pointLabel } from "../summary.js";
import { reportCharts } from "./charts.js";
import { describeRun } from "./html.js";
import { figureLines } from "./figures.js";
import { CHART_CSS, CHART_HEIGHT, CHART_WIDTH, esc } from "./svg.js";

const GAP = 16, ROW = 22, CHAR_PX = 6.6, LINE_CHARS = 160;

/** Splits `text` into lines of at most `width` characters at spaces (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) { lines.push(line); line = word; }
    else line = line === "" ? word : `${line} ${word}`;
  }
  return line === "" ? lines : [...lines, line];
}

/** The figures table as SVG text and lines, from `top`; returns the markup and its height. */
function table(head: readonly string[], rows: readonly (readonly string[])[], off: readonly boolean[], top: number): [string, number] {
  const widths = head.map((h, c) => Math.ceil(Math.max(h.length, ...rows.map((r) => r[c]!.length)) * CHAR_PX) + 16);
  const xs = widths.map((_, c) => GAP + widths.slice(0, c).reduce((a, b) => a + b, 0));
  const right = xs.at(-1)! + widths.at(-1)!;
  const out = [`<rect x="${GAP}" y="${top}" width="${right - GAP}" height="${ROW}" fill="#f5f5f5"/>`];
  [head, ...rows].forEach((cells, r) => {
    const y = top + r * ROW;
    out.push(`<line x1="${GAP}" x2="${right}" y1="${y}" y2="${y}" class="b"/>`);
    cells.forEach((cell, c) => {
      const cls = r === 0 ? ' class="h"' : c === 1 && off[r - 1] ? ' class="off"' : "";
      out.push(`<text x="${xs[c]! + 8}" y="${y + 15}"${cls}>${esc(cell)}</text>`);
    });
  });
  const bottom = top + (rows.length + 1) * ROW;
  out.push(`<line x1="${GAP}" x2="${right}" y1="${bottom}" y2="${bottom}" class="b"/>`);
  for (const x of [...xs, right]) out.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${bottom}" class="b"/>`);
  return [out.join(""), bottom - top];
}

/**
 * The report as one standalone SVG (figures table and charts, no scripts, no external
 * resources): what the README shows, written beside report.html so that no browser is
 * needed to make the picture.
 */
export function renderReportSvg(study: Study, points: readonly MeasuredPoint[], command: string): string {
  const width = 2 * CHART_WIDTH + 3 * GAP;
  const meta = [...wrap(`Real @plexus/node nodes on @plexus/transport-memory with a manual clock. ${describeRun(study, points)}`, LINE_CHARS),
    ...wrap(`Command: ${command}`, LINE_CHARS)];
  const parts = [`<text x="${GAP}" y="30" class="h1">Plexus simulator — ${esc(study.base.name)}</text>`,
    ...meta.map((line, i) => `<text x="${GAP}" y="${52 + i * 16}" class="m">${esc(line)}</text>`)];
  let y = 52 + meta.length * 16;
  const lines = figureLines(points);
  const [tableSvg, tableHeight] = table(["figure", "target", ...points.map((p) => pointLabel(study.sweep?.key, p.value))],
    lines.map((f) => [f.name, f.target, ...f.values]), lines.map((f) => f.offSize), y);
  parts.push(tableSvg);
  y += tableHeight + GAP;
  const charts = reportCharts(study, points);
  charts.forEach((svg, i) => {
    const x = GAP + (i % 2) * (CHART_WIDTH + GAP), top = y + Math.floor(i / 2) * (CHART_HEIGHT + GAP);
    parts.push(`<rect x="${x - 0.5}" y="${top - 0.5}" width="${CHART_WIDTH + 1}" height="${CHART_HEIGHT + 1}" rx="4" class="frame"/>`,
      svg.replace("<svg ", `<svg x="${x}" y="${top}" `));
  });
  const height = y + Math.ceil(charts.length / 2) * (CHART_HEIGHT + GAP) + 24;
  parts.push(`<text x="${GAP}" y="${height - 12}" class="m">Targets in grey are set for another network size than this run's; ` +
    "wall-clock figures vary between runs, everything else is deterministic for the seed.</text>");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">` +
    `<style>svg{font:12px system-ui,sans-serif;fill:#222}svg svg{font-size:11px}.h1{font-size:20px;font-weight:600}.m{fill:#555}` +
    `.h{font-weight:600}.off{fill:#888}.b{stroke:#ddd}.frame{fill:#fff;stroke:#e3e3e3}${CHART_CSS}</style>` +
    `<rect width="100%" height="100%" fill="#fff"/>${parts.join("")}</svg>\n`;
}
