import { bytesEqual, utf8 } from "@plexus/core";
import type { PlexusNode } from "@plexus/node";
import { topicKey } from "@plexus/realtime";
import type { TopicMessage } from "@plexus/realtime";
import { mean, percentile, ratio, round } from "../stats.js";
import type { World } from "../world.js";

/** Simulated time a publication is followed for, in ms. */
const PUBLISH_WINDOW_MS = 5_000;
/** Simulated time after the churn, so every subscription renewed (TTL 60 s, renewal at 30 s). */
const RENEWAL_WAIT_MS = 35_000;
/** Fraction of the live nodes replaced before the churn measurements. */
export const REALTIME_CHURN = 0.1;

/** Figures of topics and direct messages (present when --topics or --directs is set). */
export interface RealtimeFigures {
  readonly topics: number;
  readonly subscribersPerTopic: number;
  readonly publishesPerTopic: number;
  /** Share of (subscriber, publication) pairs delivered, before any churn. */
  readonly deliveryRate: number;
  /** PUBLISH + DELIVER requests per publication (their PUBLISHED/ACK replies double it). */
  readonly requestsPerPublish: number;
  /** Every datagram the network carried while a publication was followed, per publication (lookups and acks included). */
  readonly datagramsPerPublish: number;
  /** Publish call to delivery, simulated ms. */
  readonly latencyMeanMs: number;
  readonly latencyP95Ms: number;
  readonly latencyMaxMs: number;
  /** After 10% of the nodes were replaced and subscriptions renewed: share of live subscribers reached. */
  readonly churnDeliveryRate: number;
  readonly directs: number;
  /** After 10% churn: share of sends to live targets that succeeded. */
  readonly directSuccessRate: number;
  /** After 10% churn: sends to targets that were killed; each failed with an error within the bound. */
  readonly directsToDead: number;
  readonly directDeadErrors: Record<string, number>;
  /** Longest time a send to a killed target took to fail, simulated ms. */
  readonly directDeadMaxMs: number;
  /** Send call to acknowledgement, simulated ms (live targets, after churn). */
  readonly directLatencyMeanMs: number;
}

interface Topic {
  readonly key: Uint8Array;
  readonly subscribers: PlexusNode[];
  /** Per subscriber: [publication id, arrival clock time]. Bound: publications of the run. */
  readonly arrivals: Map<PlexusNode, [Uint8Array, number][]>;
}

function requestsSent(nodes: readonly PlexusNode[]): number {
  let n = 0;
  for (const node of nodes) {
    const s = node.stats().sent;
    n += (s.PUBLISH ?? 0) + (s.DELIVER ?? 0);
  }
  return n;
}

async function listen(world: World, node: PlexusNode, key: Uint8Array, into: [Uint8Array, number][]): Promise<number> {
  const sub = world.realtimeOf(node).subscribe(key);
  void (async () => {
    try {
      for await (const m of sub as AsyncIterable<TopicMessage>) into.push([m.id, world.clock.now()]);
    } catch {
      // the node stopped
    }
  })();
  return sub.ready;
}

/** One publication per topic from random live nodes; returns [delivered, expected] over live subscribers. */
async function publishRound(world: World, topics: readonly Topic[], round: number, latencies: number[] | undefined,
  counts: { requests: number; datagrams: number; publishes: number }): Promise<[number, number]> {
  let delivered = 0, expected = 0;
  for (const topic of topics) {
    const live = world.live;
    const beforeRequests = requestsSent(live);
    const beforeDatagrams = world.network.stats().sent;
    const start = world.clock.now();
    let id: Uint8Array | undefined;
    try {
      id = (await world.settle(world.realtimeOf(world.pick()).publish(topic.key, utf8(`publication ${round}`)))).id;
    } catch {
      // counted as undelivered below
    }
    await world.clock.advanceAsync(PUBLISH_WINDOW_MS);
    counts.requests += requestsSent(live) - beforeRequests;
    counts.datagrams += world.network.stats().sent - beforeDatagrams;
    counts.publishes++;
    for (const node of topic.subscribers) {
      if (!world.isLive(node)) continue;
      expected++;
      const hit = id && topic.arrivals.get(node)!.find(([got]) => bytesEqual(got, id));
      if (!hit) continue;
      delivered++;
      latencies?.push(hit[1] - start);
    }
  }
  return [delivered, expected];
}

/** Replaces a fraction of the live nodes: kills them, then joins as many new ones. */
async function churn(world: World, fraction: number): Promise<void> {
  const killed = await world.killFraction(fraction);
  for (let i = 0; i < killed; i += 16) {
    const batch = Array.from({ length: Math.min(16, killed - i) }, () => world.join());
    await world.settle(Promise.all(batch));
  }
}

/**
 * Topics and direct messages: `topics` topics of `subscribers` random subscribers each get
 * `publishes` publications from random live nodes; `directs` sends warm the senders'
 * caches; then 10% of the nodes are replaced, subscriptions renew, each topic gets one more
 * publication and the same senders send again (dead targets must fail within the bound).
 */
export async function realtimePhase(world: World, s: { topics: number; subscribers: number; publishes: number; directs: number }): Promise<RealtimeFigures> {
  const topics: Topic[] = [];
  for (let t = 0; t < s.topics; t++) {
    const subscribers = new Set<PlexusNode>();
    while (subscribers.size < Math.min(s.subscribers, world.live.length)) subscribers.add(world.pick());
    const topic: Topic = { key: topicKey(`sim topic ${t}`), subscribers: [...subscribers], arrivals: new Map() };
    await world.settle(Promise.all(topic.subscribers.map((node) => {
      const into: [Uint8Array, number][] = [];
      topic.arrivals.set(node, into);
      return listen(world, node, topic.key, into);
    })));
    topics.push(topic);
  }
  const latencies: number[] = [];
  const counts = { requests: 0, datagrams: 0, publishes: 0 };
  let delivered = 0, expected = 0;
  for (let p = 0; p < s.publishes; p++) {
    const [d, e] = await publishRound(world, topics, p, latencies, counts);
    delivered += d;
    expected += e;
  }
  const pairs: [PlexusNode, PlexusNode][] = [];
  for (let i = 0; i < s.directs; i++) {
    const from = world.pick();
    let to = world.pick();
    while (to === from) to = world.pick();
    pairs.push([from, to]);
    await world.settle(world.realtimeOf(from).send(to.id, utf8("warm-up")).catch(() => undefined));
  }
  await churn(world, REALTIME_CHURN);
  await world.clock.advanceAsync(RENEWAL_WAIT_MS);
  const [churnDelivered, churnExpected] = await publishRound(world, topics, s.publishes, undefined,
    { requests: 0, datagrams: 0, publishes: 0 });
  let ok = 0, live = 0, dead = 0, deadMaxMs = 0;
  const deadErrors: Record<string, number> = {};
  const directLatency: number[] = [];
  for (const [from, to] of pairs) {
    if (!world.isLive(from)) continue;
    const start = world.clock.now();
    const outcome = await world.settle(world.realtimeOf(from).send(to.id, utf8("after churn")).then(() => "ok", (e: unknown) => String((e as { code?: string }).code ?? e)));
    const took = world.clock.now() - start;
    if (world.isLive(to)) {
      live++;
      if (outcome === "ok") {
        ok++;
        directLatency.push(took);
      }
    } else {
      dead++;
      deadErrors[outcome] = (deadErrors[outcome] ?? 0) + 1;
      deadMaxMs = Math.max(deadMaxMs, took);
    }
  }
  return {
    topics: s.topics, subscribersPerTopic: s.subscribers, publishesPerTopic: s.publishes,
    deliveryRate: round(ratio(delivered, expected), 6),
    requestsPerPublish: round(counts.requests / Math.max(1, counts.publishes), 2),
    datagramsPerPublish: round(counts.datagrams / Math.max(1, counts.publishes), 1),
    latencyMeanMs: round(mean(latencies), 1),
    latencyP95Ms: round(percentile(latencies, 95), 1),
    latencyMaxMs: round(latencies.length > 0 ? Math.max(...latencies) : 0, 1),
    churnDeliveryRate: round(ratio(churnDelivered, churnExpected), 6),
    directs: s.directs,
    directSuccessRate: round(ratio(ok, live), 6),
    directsToDead: dead,
    directDeadErrors: deadErrors,
    directDeadMaxMs: round(deadMaxMs, 1),
    directLatencyMeanMs: round(mean(directLatency), 1),
  };
}
