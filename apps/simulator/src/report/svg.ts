/** Hand-made inline SVG charts (no chart library): line and bar series on linear axes. */

/** One series: points [x, y]; bars are drawn centred on x. */
export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly kind?: "line" | "bar" | "step";
  readonly dashed?: boolean;
}

/** A chart. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Vertical reference lines with labels. */
  readonly refX?: readonly { readonly x: number; readonly label: string }[];
  readonly yMin?: number;
  readonly yMax?: number;
  /** Formats tick values of y (e.g. as percent). */
  readonly yFormat?: (v: number) => string;
}

/** The charts' styles (classes used by `chart`), for the HTML page and the standalone SVG. */
export const CHART_CSS = "svg .t{font-size:13px;font-weight:600}svg .g{stroke:#eee}svg .a{stroke:#888}" +
  "svg .r{stroke:#d00;stroke-dasharray:4 3}svg .rl{fill:#d00}";

/** Series colours (colour-blind friendly palette). */
export const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442", "#000000"];
/** Size of one chart, in CSS pixels. */
export const CHART_WIDTH = 520, CHART_HEIGHT = 300;
const W = CHART_WIDTH, H = CHART_HEIGHT, L = 58, R = 14, T = 30, B = 44;

/** Escapes text for SVG/HTML. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The round step between about `count` ticks over [lo, hi]. */
function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
}

/** About `count` round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  if (hi <= lo) return [lo];
  const step = tickStep(lo, hi, count);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function fmt(v: number): string {
  if (Math.abs(v) >= 10_000) return `${(v / 1000).toFixed(0)}k`;
  return String(Number(v.toPrecision(4)));
}

/**
 * The top of the y axis: the largest value, plus room for the legend (top right, one line
 * per series) when there is one, rounded up to the next tick, so the tallest bar or point
 * always sits inside the plot with a labelled gridline above it.
 */
function yTop(y0: number, ys: readonly number[], legend: boolean): number {
  if (ys.length === 0) return y0 + 1;
  const max = Math.max(...ys) * (legend ? 1.3 : 1.05);
  if (max <= y0) return y0 + 1;
  const step = tickStep(y0, max, 5);
  return Math.ceil((max - y0) / step - 1e-9) * step + y0;
}

/** Renders a chart as an SVG element string. */
export function chart(spec: ChartSpec): string {
  const all = spec.series.flatMap((s) => s.points);
  const bars = spec.series.some((s) => s.kind === "bar");
  const xs = [...all.map((p) => p[0]), ...(spec.refX ?? []).map((r) => r.x)];
  const ys = all.map((p) => p[1]);
  let x0 = xs.length ? Math.min(...xs) : 0, x1 = xs.length ? Math.max(...xs) : 1;
  if (bars) { x0 -= 0.5; x1 += 0.5; }
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  const y0 = spec.yMin ?? Math.min(0, ...ys);
  let y1 = spec.yMax ?? yTop(y0, ys, spec.series.length > 1);
  if (y1 <= y0) y1 = y0 + 1;
  const px = (x: number): number => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number): number => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  const yf = spec.yFormat ?? fmt;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img">`,
    `<text x="${W / 2}" y="18" text-anchor="middle" class="t">${esc(spec.title)}</text>`];
  for (const v of ticks(y0, y1)) {
    out.push(`<line x1="${L}" x2="${W - R}" y1="${py(v)}" y2="${py(v)}" class="g"/>`,
      `<text x="${L - 6}" y="${py(v) + 4}" text-anchor="end">${esc(yf(v))}</text>`);
  }
  for (const v of ticks(bars ? Math.ceil(x0) : x0, bars ? Math.floor(x1) : x1, bars ? Math.min(12, x1 - x0) : 6)) {
    out.push(`<text x="${px(v)}" y="${H - B + 16}" text-anchor="middle">${esc(fmt(v))}</text>`);
  }
  out.push(`<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" class="a"/>`,
    `<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" class="a"/>`,
    `<text x="${(L + W - R) / 2}" y="${H - 8}" text-anchor="middle">${esc(spec.xLabel)}</text>`,
    `<text transform="translate(14 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`);
  const barSeries = spec.series.filter((s) => s.kind === "bar");
  const slot = ((W - L - R) / (x1 - x0)) * 0.8;
  spec.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    if (s.kind === "bar") {
      const j = barSeries.indexOf(s), w = slot / barSeries.length;
      for (const [x, y] of s.points) {
        const top = Math.max(T, py(Math.min(y1, Math.max(y0, y)))); // never above the plot, whatever yMax says
        out.push(`<rect x="${px(x) - slot / 2 + j * w}" y="${top}" width="${w}" height="${Math.max(0, py(y0) - top)}" fill="${color}"/>`);
      }
    } else {
      const pts = s.kind === "step" ? s.points.flatMap(([x, y], k) => (k === 0 ? [[x, y]] : [[x, s.points[k - 1]![1]], [x, y]])) : s.points;
      const d = pts.map(([x, y], k) => `${k === 0 ? "M" : "L"}${px(x!).toFixed(1)},${py(y!).toFixed(1)}`).join("");
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ""}/>`);
      if (s.points.length <= 12) for (const [x, y] of s.points) out.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3" fill="${color}"/>`);
    }
  });
  for (const r of spec.refX ?? []) {
    out.push(`<line x1="${px(r.x)}" x2="${px(r.x)}" y1="${T}" y2="${H - B}" class="r"/>`,
      px(r.x) > W - 120
        ? `<text x="${px(r.x) - 4}" y="${T + 12}" text-anchor="end" class="rl">${esc(r.label)}</text>`
        : `<text x="${px(r.x) + 4}" y="${T + 12}" class="rl">${esc(r.label)}</text>`);
  }
  if (spec.series.length > 1) {
    spec.series.forEach((s, i) => {
      const y = T + 6 + i * 15;
      out.push(`<rect x="${W - R - 130}" y="${y}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`,
        `<text x="${W - R - 116}" y="${y + 9}">${esc(s.name)}</text>`);
    });
  }
  out.push("</svg>");
  return out.join("");
}
