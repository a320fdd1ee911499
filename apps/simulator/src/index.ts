/**
 * @plexus/simulator: runs the real `@plexus/node` engine over `@plexus/transport-memory`
 * on a manual clock at scale, for repeatable protocol studies. The CLI is `src/cli.ts`
 * (`pnpm sim`); this entry point exposes the same pieces for tests and scripts.
 * @packageDocumentation
 */
export { World } from "./world.js";
export type { DeliveryListener } from "./world.js";
export { ClosestOracle } from "./oracle.js";
export { runPoint } from "./run.js";
export type { PointPerf, PointResult, ProgressFn } from "./run.js";
export { runStudy, resultsJson, perfJson, writeOutputs, RESULTS_VERSION } from "./study.js";
export { parseArgs, USAGE } from "./args.js";
export type { CliOptions } from "./args.js";
export { DEFAULT_SCENARIO, SWEEPABLE, JOIN_PATTERNS, parseLatency, pointScenario, validateScenario } from "./scenario.js";
export type { JoinPattern, Scenario, Study, SweepKey } from "./scenario.js";
export type { MeasuredPoint } from "./summary.js";
export { renderReport } from "./report/html.js";
export { renderReportSvg } from "./report/page-svg.js";
