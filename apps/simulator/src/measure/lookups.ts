import type { NodeId } from "@plexus/core";
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

/** Which of a phase's lookups a replica runs: those whose index `i` has `i % of === index`. */
export interface Share {
  readonly index: number;
  readonly of: number;
}

/** The whole phase on one replica. */
export const WHOLE: Share = { index: 0, of: 1 };

/** What one replica's share of a lookup phase measured. */
export interface ShareResult {
  /** The share's lookups in index order (`null` for one that threw). */
  readonly samples: (LookupSample | null)[];
  readonly churn: ChurnFigures;
}

/**
 * Runs a share of `count` lookups from random live nodes to random ids, evenly over
 * `spanMs` of clock time, while `churnEvents` times (evenly spaced) one random live node
 * stops and a new one joins through a node chosen by the join pattern. Every lookup's
 * origin and target are drawn up front from a stream of their own (forked from the
 * world's), so replicas in the same state draw the same list, each runs its share of it
 * at the same clock times, and all of them make the same churn draws.
 */
export async function lookupShare(world: World, count: number, spanMs: number, k: number,
  churnEvents: number, share: Share = WHOLE, onProgress?: (done: number) => void): Promise<ShareResult> {
  const churn = { left: 0, joined: 0, joinFailures: 0 };
  const churning: Promise<void>[] = []; // bound: churnEvents
  const draws = world.random.fork();
  const origins = new Float64Array(count);
  const targets: NodeId[] = []; // bound: count
  for (let i = 0; i < count; i++) {
    origins[i] = draws.next();
    targets.push(draws.bytes(32));
  }
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
  const results = await spread(world, count, spanMs, async (i) => {
    const origin = world.live[Math.floor(origins[i]! * world.live.length)]!;
    try {
      return await traceLookup(world, origin, targets[i]!, k);
    } finally {
      onProgress?.(++done);
    }
  }, (i) => i % share.of === share.index);
  await world.clock.runUntil(() => churning.length === churnEvents, spanMs);
  await world.settle(Promise.all(churning));
  const samples: (LookupSample | null)[] = [];
  for (let i = share.index; i < count; i += share.of) samples.push(results[i] ?? null);
  return { samples, churn };
}

/** The samples of all `shares` (share i of shares.length each), back in lookup order. */
export function mergeShares(shares: readonly (readonly (LookupSample | null)[])[], count: number): (LookupSample | undefined)[] {
  const out: (LookupSample | undefined)[] = [];
  for (let i = 0; i < count; i++) out.push(shares[i % shares.length]![Math.floor(i / shares.length)] ?? undefined);
  return out;
}

/** {@link lookupShare} of the whole phase on one replica, summarized. */
export async function lookupPhase(world: World, count: number, spanMs: number, k: number,
  churnEvents: number, onProgress?: (done: number) => void): Promise<{ lookups: LookupFigures; churn: ChurnFigures }> {
  const { samples, churn } = await lookupShare(world, count, spanMs, k, churnEvents, WHOLE, onProgress);
  return { lookups: lookupFigures(mergeShares([samples], count)), churn };
}
