import { cdf, histogram, mean, percentile, ratio, round } from "../stats.js";
import type { World } from "../world.js";
import { traceLookup } from "./lookup.js";
import type { LookupSample } from "./lookup.js";
import { spread } from "./spread.js";

/** Figures of a batch of lookups. */
export interface LookupFigures {
  readonly count: number;
  /** Lookups that threw (e.g. their origin left mid-lookup); excluded from the figures. */
  readonly errors: number;
  /** Share whose closest result is the true closest live node. */
  readonly exactRate: number;
  /** Share of the true k closest live nodes returned, averaged. */
  readonly topKShare: number;
  readonly roundsMean: number;
  readonly roundsP95: number;
  /** Index = rounds, value = lookups. */
  readonly roundsHistogram: number[];
  readonly depthMean: number;
  readonly requestsMean: number;
  readonly requestsP95: number;
  /** Index = requests, value = lookups. */
  readonly requestsHistogram: number[];
  readonly failedMean: number;
  readonly latencyMeanMs: number;
  readonly latencyP95Ms: number;
  /** [simulated ms, fraction of lookups done]. */
  readonly latencyCdf: [number, number][];
}

/** Summarizes lookup samples. */
export function lookupFigures(samples: readonly (LookupSample | undefined)[]): LookupFigures {
  const ok = samples.filter((s): s is LookupSample => s !== undefined);
  const rounds = ok.map((s) => s.rounds);
  const requests = ok.map((s) => s.requests);
  const latency = ok.map((s) => s.durationMs);
  return {
    count: samples.length,
    errors: samples.length - ok.length,
    exactRate: ratio(ok.filter((s) => s.exact).length, ok.length),
    topKShare: ratio(ok.reduce((a, s) => a + s.overlap, 0), ok.reduce((a, s) => a + s.truth, 0)),
    roundsMean: round(mean(rounds)),
    roundsP95: percentile(rounds, 95),
    roundsHistogram: histogram(rounds),
    depthMean: round(mean(ok.map((s) => s.depth))),
    requestsMean: round(mean(requests)),
    requestsP95: percentile(requests, 95),
    requestsHistogram: histogram(requests),
    failedMean: round(mean(ok.map((s) => s.failed))),
    latencyMeanMs: round(mean(latency)),
    latencyP95Ms: round(percentile(latency, 95)),
    latencyCdf: cdf(latency),
  };
}

/** What the churn did during a lookup phase. */
export interface ChurnFigures {
  readonly left: number;
  readonly joined: number;
  readonly joinFailures: number;
}

/**
 * Runs `count` lookups from random live nodes to random ids, evenly over `spanMs` of clock
 * time, while `churnEvents` times (evenly spaced) one random live node stops and a new one
 * joins through a node chosen by the join pattern.
 */
export async function lookupPhase(world: World, count: number, spanMs: number, k: number,
  churnEvents: number, onProgress?: (done: number) => void): Promise<{ lookups: LookupFigures; churn: ChurnFigures }> {
  const churn = { left: 0, joined: 0, joinFailures: 0 };
  const churning: Promise<void>[] = []; // bound: churnEvents
  for (let j = 0; j < churnEvents; j++) {
    world.clock.setTimeout(() => {
      if (world.live.length < 2) { churning.push(Promise.resolve()); return; }
      const victim = world.pick();
      churn.left++;
      churning.push(world.kill(victim).then(() => world.join()).then((ok) => {
        if (ok) churn.joined++;
        else churn.joinFailures++;
      }));
    }, ((j + 0.5) * spanMs) / churnEvents);
  }
  let done = 0;
  const samples = await spread(world, count, spanMs, async () => {
    const origin = world.pick();
    const target = world.random.bytes(32);
    try {
      return await traceLookup(world, origin, target, k);
    } finally {
      onProgress?.(++done);
    }
  });
  await world.clock.runUntil(() => churning.length === churnEvents, spanMs);
  await world.settle(Promise.all(churning));
  return { lookups: lookupFigures(samples), churn };
}
