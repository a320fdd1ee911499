import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderReport } from "./report/html.js";
import { renderReportSvg } from "./report/page-svg.js";
import type { ProgressFn } from "./run.js";
import { runPoint } from "./run.js";
import { pointScenario } from "./scenario.js";
import type { Study } from "./scenario.js";
import type { MeasuredPoint } from "./summary.js";
import { pointLabel } from "./summary.js";

/** Version of the results.json layout. */
export const RESULTS_VERSION = 1;

/** Runs every point of a study in order (one World at a time, so memory is freed between points). */
export async function runStudy(study: Study, progress?: (label: string) => ProgressFn,
  onPoint?: (points: readonly MeasuredPoint[]) => void): Promise<MeasuredPoint[]> {
  const values = study.sweep?.values ?? [undefined];
  const points: MeasuredPoint[] = [];
  for (const value of values) {
    const { result, perf } = await runPoint(pointScenario(study, value), progress?.(pointLabel(study.sweep?.key, value)));
    points.push({ value, result, perf });
    onPoint?.(points);
  }
  return points;
}

/** The deterministic results document: the study and every figure, no wall-clock values. */
export function resultsJson(study: Study, points: readonly MeasuredPoint[]): string {
  return `${JSON.stringify({
    version: RESULTS_VERSION,
    name: study.base.name,
    sweep: study.sweep ?? null,
    points: points.map((p) => ({ value: p.value ?? null, ...p.result })),
  }, null, 2)}\n`;
}

/** Wall time and memory of each point (differs between runs and machines). */
export function perfJson(study: Study, points: readonly MeasuredPoint[]): string {
  return `${JSON.stringify({
    name: study.base.name,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    points: points.map((p) => ({ value: p.value ?? null, ...p.perf })),
  }, null, 2)}\n`;
}

/** Writes results.json, perf.json, report.html and report.svg (the same figures as one picture) into `dir`. */
export function writeOutputs(dir: string, study: Study, points: readonly MeasuredPoint[], command: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "results.json"), resultsJson(study, points));
  writeFileSync(join(dir, "perf.json"), perfJson(study, points));
  writeFileSync(join(dir, "report.html"), renderReport(study, points, command));
  writeFileSync(join(dir, "report.svg"), renderReportSvg(study, points, command));
}
