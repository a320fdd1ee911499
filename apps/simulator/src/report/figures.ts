import type { MeasuredPoint } from "../summary.js";

const pct = (v: number): string => `${Number((v * 100).toPrecision(4))}%`;

/** One row of the figures table: its label, the target, the value per point. */
interface FigureRow {
  readonly name: string;
  readonly target: string;
  /** The network size the target is set for; a run of another size is not compared with it. */
  readonly atNodes?: number;
  readonly value: (p: MeasuredPoint) => string;
}

const ROWS: readonly FigureRow[] = [
  { name: "build wall time", target: "≤ 60 s", atNodes: 10_000, value: (p) => `${(p.perf.buildWallMs / 1000).toFixed(1)} s` },
  { name: "heap per node", target: "100k fits", value: (p) => `${(p.perf.heapPerNodeBytes / 1024).toFixed(1)} KiB` },
  { name: "lookups per wall second", target: "≥ 1,000", atNodes: 10_000, value: (p) => String(p.perf.lookupsPerWallSecond) },
  { name: "lookup rounds mean / p95", target: "≤ 4.5 / ≤ 6", value: (p) => `${p.result.lookups.roundsMean} / ${p.result.lookups.roundsP95}` },
  { name: "requests per lookup", target: "≤ 35", value: (p) => String(p.result.lookups.requestsMean) },
  { name: "true closest found", target: "≥ 99.5%", value: (p) => pct(p.result.lookups.exactRate) },
  { name: "share of true k closest", target: "≥ 95%", value: (p) => pct(p.result.lookups.topKShare) },
  { name: "lookup success after kill", target: "≥ 98% (30% killed)", value: (p) => pct(p.result.kill.lookups.exactRate) },
  { name: "stored values found after kill", target: "100% (30% killed)", value: (p) => pct(p.result.storage.foundRate) },
  { name: "broadcast coverage (min)", target: "≥ 99.9% (10% dead), ≥ 97% (30%)",
    value: (p) => `${pct(p.result.broadcast.coverageMean)} (${pct(p.result.broadcast.coverageMin)})` },
  { name: "broadcast messages per node", target: "≤ 10",
    value: (p) => `${p.result.broadcast.messagesPerNode} (all datagrams ${p.result.broadcast.datagramsPerNode}, repairs ${p.result.broadcast.repairs})` },
  { name: "topic delivery (after 10% churn)", target: "100% (≥ 99%)",
    value: (p) => p.result.realtime ? `${pct(p.result.realtime.deliveryRate)} (${pct(p.result.realtime.churnDeliveryRate)})` : "—" },
  { name: "requests per publish (20 subscribers)", target: "O(subscribers + r)",
    value: (p) => p.result.realtime ? String(p.result.realtime.requestsPerPublish) : "—" },
  { name: "publish-to-delivery mean / p95", target: "2 hops",
    value: (p) => p.result.realtime ? `${p.result.realtime.latencyMeanMs} / ${p.result.realtime.latencyP95Ms} ms` : "—" },
  { name: "direct success after 10% churn", target: "≥ 99%", value: (p) => p.result.realtime ? pct(p.result.realtime.directSuccessRate) : "—" },
];

/** A row as the report shows it; `offSize` when no point ran at the size the target is for. */
export interface FigureLine {
  readonly name: string;
  readonly target: string;
  readonly offSize: boolean;
  readonly values: readonly string[];
}

/**
 * The figures table. A target set for one network size (10,000 nodes) is compared only with
 * points of that size: other points show their value with "(N nodes)" and the target says
 * which size it is for, so a 1,000-node run never reads as meeting or missing a 10k target.
 */
export function figureLines(points: readonly MeasuredPoint[]): FigureLine[] {
  return ROWS.map((row) => {
    const sized = (p: MeasuredPoint): boolean => row.atNodes === undefined || p.result.build.nodes === row.atNodes;
    const offSize = !points.some(sized);
    const target = row.atNodes === undefined ? row.target : `${row.target} at ${row.atNodes.toLocaleString("en-US")} nodes`;
    const values = points.map((p) => (sized(p) ? row.value(p) : `${row.value(p)} (${p.result.build.nodes.toLocaleString("en-US")} nodes)`));
    return { name: row.name, target, offSize, values };
  });
}
