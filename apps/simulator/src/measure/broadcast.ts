import type { PlexusNode } from "@plexus/node";
import { mean, ratio, round } from "../stats.js";
import type { World } from "../world.js";

/** Clock time a broadcast is followed for after the origin's first hop settled, in ms. */
export const BROADCAST_WINDOW_MS = 30_000;
/** Points of the coverage-over-time curve. */
const CURVE_POINTS = 60;

/** Figures of the broadcasts (run one at a time over the live nodes). */
export interface BroadcastFigures {
  readonly count: number;
  readonly errors: number;
  /** Share of live nodes reached (origin included), mean and worst. */
  readonly coverageMean: number;
  readonly coverageMin: number;
  /** BROADCAST messages sent per live node, per broadcast. */
  readonly messagesPerNode: number;
  /** ACK replies sent per live node, per broadcast. */
  readonly acksPerNode: number;
  /**
   * Every datagram sent by live nodes while a broadcast runs (BROADCAST, ACK, and the
   * FIND_NODE / NODES of repair lookups into buckets whose contacts all failed), per live
   * node, per broadcast.
   */
  readonly datagramsPerNode: number;
  /** Buckets repaired by a lookup (all their contacts failed), per broadcast. */
  readonly repairs: number;
  /** Simulated ms until the last delivery, mean. */
  readonly completionMsMean: number;
  /** Coverage of the first broadcast over simulated time: [ms since start, share of live nodes]. */
  readonly curve: [number, number][];
}

function sentOf(nodes: readonly PlexusNode[]): { broadcast: number; ack: number; all: number; repairs: number } {
  let broadcast = 0, ack = 0, all = 0, repairs = 0;
  for (const n of nodes) {
    const stats = n.stats();
    const s = stats.sent;
    broadcast += s.BROADCAST;
    ack += s.ACK;
    for (const v of Object.values(s)) all += v;
    repairs += stats.broadcastRepairs;
  }
  return { broadcast, ack, all, repairs };
}

/** Coverage curve from sorted delivery delays: CURVE_POINTS evenly spaced times. */
function curveOf(delays: readonly number[], live: number): [number, number][] {
  const end = delays.length > 0 ? delays[delays.length - 1]! : 0;
  const out: [number, number][] = [[0, ratio(1, live)]];
  let j = 0;
  for (let p = 1; p <= CURVE_POINTS; p++) {
    const t = (end * p) / CURVE_POINTS;
    while (j < delays.length && delays[j]! <= t) j++;
    out.push([round(t), ratio(1 + j, live)]);
  }
  return out;
}

/** Runs `count` broadcasts from random live nodes, one at a time, and follows each to the end. */
export async function broadcastPhase(world: World, count: number): Promise<BroadcastFigures> {
  const coverage: number[] = [], messages: number[] = [], acks: number[] = [], completion: number[] = [];
  const datagrams: number[] = [], repairs: number[] = [];
  let curve: [number, number][] = [];
  let errors = 0;
  for (let b = 0; b < count; b++) {
    const live = world.live.slice();
    const origin = world.pick();
    const before = sentOf(live);
    const start = world.clock.now();
    const delays: number[] = []; // bound: one per live node (deliveries are de-duplicated per id)
    world.onDelivery((node) => { if (node !== origin) delays.push(world.clock.now() - start); });
    try {
      await world.settle(origin.broadcast(world.random.bytes(16)));
    } catch {
      errors++;
    }
    await world.clock.advanceAsync(BROADCAST_WINDOW_MS);
    world.onDelivery(undefined);
    const after = sentOf(live);
    coverage.push((1 + delays.length) / live.length);
    messages.push((after.broadcast - before.broadcast) / live.length);
    acks.push((after.ack - before.ack) / live.length);
    datagrams.push((after.all - before.all) / live.length);
    repairs.push(after.repairs - before.repairs);
    delays.sort((x, y) => x - y);
    completion.push(delays.length > 0 ? delays[delays.length - 1]! : 0);
    if (b === 0) curve = curveOf(delays, live.length);
  }
  return {
    count, errors,
    coverageMean: round(mean(coverage), 6),
    coverageMin: round(coverage.length > 0 ? Math.min(...coverage) : 0, 6),
    messagesPerNode: round(mean(messages)),
    acksPerNode: round(mean(acks)),
    datagramsPerNode: round(mean(datagrams)),
    repairs: round(mean(repairs)),
    completionMsMean: round(mean(completion)),
    curve,
  };
}
