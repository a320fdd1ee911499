import type { BroadcastFigures } from "./measure/broadcast.js";
import { broadcastPhase } from "./measure/broadcast.js";
import type { ChurnFigures, LookupFigures } from "./measure/lookups.js";
import { lookupFigures, lookupPhase, lookupShare, mergeShares } from "./measure/lookups.js";
import type { RealtimeFigures } from "./measure/realtime.js";
import { realtimePhase } from "./measure/realtime.js";
import type { RepeatFigures } from "./measure/repeat.js";
import { repeatPhase } from "./measure/repeat.js";
import type { StorageFigures } from "./measure/storage.js";
import { getPhase, storePhase } from "./measure/storage.js";
import type { TableFigures } from "./measure/table.js";
import { tableFigures } from "./measure/table.js";
import { collectGarbage } from "./gc.js";
import { Replica } from "./replica/replica.js";
import { churnEventsOf } from "./scenario.js";
import type { Scenario } from "./scenario.js";
import { ratio, round } from "./stats.js";
import { World } from "./world.js";

/** Clock time per lookup after the kill (they run 20 per simulated second), in ms. */
const KILL_LOOKUP_GAP_MS = 50;

/** Every deterministic figure of one run (one sweep point). No wall-clock values. */
export interface PointResult {
  readonly scenario: Scenario;
  readonly build: {
    readonly nodes: number;
    readonly failedJoins: number;
    /** Simulated time the build took, in ms. */
    readonly clockMs: number;
    /** Datagrams sent during the build, per node. */
    readonly datagramsPerNode: number;
  };
  readonly table: TableFigures;
  readonly lookups: LookupFigures;
  readonly churn: ChurnFigures;
  readonly kill: { readonly killed: number; readonly liveAfter: number; readonly lookups: LookupFigures };
  readonly storage: StorageFigures;
  readonly broadcast: BroadcastFigures;
  /** Topics and direct messages; absent (and not in results.json) without --topics / --directs. */
  readonly realtime?: RealtimeFigures;
  /** Route cache, one-hop mode, size estimate; absent (and not in results.json) without --repeats. */
  readonly repeat?: RepeatFigures;
  readonly network: { readonly sent: number; readonly lost: number; readonly unreachable: number; readonly lossRate: number };
}

/** Wall-clock and memory figures of one run: kept out of results.json (not deterministic). */
export interface PointPerf {
  readonly buildWallMs: number;
  /** Of the first replica (every replica holds as much). */
  readonly heapPerNodeBytes: number;
  /** Of the whole process, every replica included, after the build. */
  readonly rssBytes: number;
  readonly lookupWallMs: number;
  readonly lookupsPerWallSecond: number;
  readonly totalWallMs: number;
}

/** Progress of a run: phase name, done, total. */
export type ProgressFn = (phase: string, done: number, total: number) => void;

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * Runs one scenario on real nodes: build by joins, stores, lookups under churn, a kill of
 * a fraction at once, lookups and gets right after it, broadcasts over what is left.
 */
export async function runPoint(s: Scenario, progress: ProgressFn = () => undefined): Promise<{ result: PointResult; perf: PointPerf }> {
  // The other replicas build alongside this one (see Scenario.workers).
  const replicas: Replica[] = [];
  for (let i = 1; i < s.workers; i++) replicas.push(new Replica(s, i));
  try {
    return await runReplicated(s, replicas, progress);
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
  }
}

async function runReplicated(s: Scenario, replicas: readonly Replica[], progress: ProgressFn): Promise<{ result: PointResult; perf: PointPerf }> {
  const wall0 = performance.now();
  const heap0 = heapUsed();
  const world = new World(s);
  progress("build", 0, s.nodes);
  const failedJoins = await world.build((done) => progress("build", done, s.nodes));
  const buildWallMs = performance.now() - wall0;
  const heapPerNodeBytes = (heapUsed() - heap0) / s.nodes;
  const built = world.network.stats();
  const build = { nodes: world.live.length, failedJoins, clockMs: round(world.clock.now()), datagramsPerNode: round(built.sent / s.nodes) };
  const table = tableFigures(world, s.k);

  progress("store", 0, s.stores);
  const items = await storePhase(world, s.stores);
  for (const r of replicas) await r.ready();
  const rssBytes = process.memoryUsage().rss;

  // The timed window starts from a collected heap: the build's garbage is not charged to it.
  collectGarbage();
  const lookupWall0 = performance.now();
  for (const r of replicas) r.go();
  const mine = await lookupShare(world, s.lookups, s.durationMs, s.k, churnEventsOf(s), { index: 0, of: s.workers },
    (done) => progress("lookups", done, Math.ceil(s.lookups / s.workers)));
  const shares = [mine.samples];
  for (const r of replicas) shares.push(await r.samples());
  const lookupWallMs = performance.now() - lookupWall0;
  const lookups = lookupFigures(mergeShares(shares, s.lookups));
  const churn = mine.churn;

  let repeat: RepeatFigures | undefined;
  if (s.repeats > 0) {
    progress("repeat", 0, s.repeats);
    repeat = await repeatPhase(world, s.repeats);
  }

  progress("kill", 0, s.killLookups);
  const killed = await world.killFraction(s.kill);
  const after = await lookupPhase(world, s.killLookups, s.killLookups * KILL_LOOKUP_GAP_MS, s.k, 0,
    (done) => progress("kill", done, s.killLookups));
  progress("get", 0, s.gets);
  const storage = await getPhase(world, items, s.gets, s.stores - items.length);
  progress("broadcast", 0, s.broadcasts);
  const broadcast = await broadcastPhase(world, s.broadcasts);
  let realtime: RealtimeFigures | undefined;
  if (s.topics > 0 || s.directs > 0) {
    progress("realtime", 0, s.topics + s.directs);
    realtime = await realtimePhase(world, s);
  }
  const net = world.network.stats();
  await world.stop();
  const result: PointResult = {
    scenario: s, build, table, lookups, churn,
    kill: { killed, liveAfter: world.live.length, lookups: after.lookups },
    storage, broadcast, ...(realtime ? { realtime } : {}), ...(repeat ? { repeat } : {}),
    network: { sent: net.sent, lost: net.lost, unreachable: net.unreachable, lossRate: ratio(net.lost, net.sent) },
  };
  const perf: PointPerf = {
    buildWallMs: Math.round(buildWallMs),
    heapPerNodeBytes: Math.round(heapPerNodeBytes),
    rssBytes,
    lookupWallMs: Math.round(lookupWallMs),
    lookupsPerWallSecond: round(s.lookups / Math.max(0.001, lookupWallMs / 1000), 1),
    totalWallMs: Math.round(performance.now() - wall0),
  };
  return { result, perf };
}
