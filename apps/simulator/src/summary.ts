import type { PointPerf, PointResult } from "./run.js";

/** One measured point with its sweep value. */
export interface MeasuredPoint {
  readonly value: number | undefined;
  readonly result: PointResult;
  readonly perf: PointPerf;
}

const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)}%`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Short terminal summary of one point, about ten lines. */
export function summarizePoint(label: string, p: MeasuredPoint): string[] {
  const { result: r, perf } = p;
  const s = r.scenario;
  const l = r.lookups;
  const kl = r.kill.lookups;
  return [
    `== ${label}: ${s.nodes} nodes, seed ${s.seed}, k ${s.k}, alpha ${s.alpha}, loss ${pct(s.loss, 1)}, churn ${pct(s.churn, 0)}, ${s.workers} replica${s.workers === 1 ? "" : "s"} ==`,
    `build       ${(perf.buildWallMs / 1000).toFixed(1)} s wall by real joins (${(r.build.clockMs / 1000).toFixed(1)} s simulated), ` +
      `${r.build.datagramsPerNode} datagrams/node, ${r.build.failedJoins} failed joins, table ${r.table.sizeMean} contacts`,
    `memory      ${kb(perf.heapPerNodeBytes)} heap per node, RSS ${mb(perf.rssBytes)}`,
    `lookups     ${l.count} in ${(perf.lookupWallMs / 1000).toFixed(1)} s wall = ${perf.lookupsPerWallSecond}/s; ` +
      `rounds mean ${l.roundsMean} p95 ${l.roundsP95}; ${l.requestsMean} requests/lookup (p95 ${l.requestsP95}); ` +
      `latency p95 ${l.latencyP95Ms} ms`,
    `accuracy    true closest found ${pct(l.exactRate)}, share of true ${s.k} closest ${pct(l.topKShare)}` +
      (l.errors > 0 ? `, ${l.errors} lookups aborted` : ""),
    `kill        ${r.kill.killed} of ${r.kill.killed + r.kill.liveAfter} killed at once: lookup success ${pct(kl.exactRate)}, ` +
      `top-${s.k} share ${pct(kl.topKShare)}, ${kl.requestsMean} requests, ${kl.failedMean} timeouts/lookup`,
    `storage     ${r.storage.stores} values on ${r.storage.replicasMean} replicas (min ${r.storage.replicasMin}); ` +
      `found after the kill ${pct(r.storage.foundRate)} of ${r.storage.gets} gets`,
    `broadcast   coverage ${pct(r.broadcast.coverageMean, 3)} of live nodes (min ${pct(r.broadcast.coverageMin, 3)}), ` +
      `${r.broadcast.messagesPerNode} messages/node (+${r.broadcast.acksPerNode} acks; ${r.broadcast.datagramsPerNode} datagrams/node in all, ${r.broadcast.repairs} bucket repairs), done in ${r.broadcast.completionMsMean} ms`,
    ...realtimeLines(r),
    ...repeatLines(r),
  ];
}

function repeatLines(r: MeasuredPoint["result"]): string[] {
  const t = r.repeat;
  if (!t) return [];
  const op = (name: string, f: { requestsMean: number; msMean: number; msP95: number }): string =>
    `${name} ${f.requestsMean} requests, ${f.msMean} ms (p95 ${f.msP95})`;
  return [
    `repeat      ${t.keys} keys: ${op("put", t.coldPut)}; again ${op("", t.repeatPut).trim()}`,
    `            ${op("get", t.coldGet)}; again ${op("", t.repeatGet).trim()}; found ${t.found} of ${2 * t.keys}; ` +
      `full tables hold ${pct(t.fullTableShare)} of the nodes`,
    `size        estimate / live nodes: median ${t.sizeEstimate.median}, p10 ${t.sizeEstimate.p10}, p90 ${t.sizeEstimate.p90}`,
  ];
}

function realtimeLines(r: MeasuredPoint["result"]): string[] {
  const t = r.realtime;
  if (!t) return [];
  return [
    `topics      ${t.topics} x ${t.subscribersPerTopic} subscribers: delivered ${pct(t.deliveryRate, 3)}, ` +
      `${t.requestsPerPublish} requests/publish (${t.datagramsPerPublish} datagrams), latency mean ${t.latencyMeanMs} ms ` +
      `p95 ${t.latencyP95Ms} ms; after 10% churn ${pct(t.churnDeliveryRate, 3)}`,
    `direct      after 10% churn ${pct(t.directSuccessRate, 2)} of ${t.directs - t.directsToDead} sends to live nodes ok ` +
      `(mean ${t.directLatencyMeanMs} ms); ${t.directsToDead} to killed nodes failed within ${t.directDeadMaxMs} ms ` +
      `${JSON.stringify(t.directDeadErrors)}`,
  ];
}

/** The label of a point: `kill=0.3`, or `run` without a sweep. */
export function pointLabel(key: string | undefined, value: number | undefined): string {
  return key === undefined || value === undefined ? "run" : `${key}=${value}`;
}
