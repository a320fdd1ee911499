/**
 * The pairwise scenarios: for every ordered pair of hosts (a, b), can a reach b by each
 * feature, and how long until the first delivery. Each phase runs one feature for all pairs
 * at once, every call bounded by `timeoutMs`.
 */
import type { AgentClient } from "../agent/client.js";
import type { BuiltHost } from "../lab/build.js";
import { reachMatrix } from "./reach.js";
import type { Via } from "./reach.js";

export const FEATURES = ["get", "findNode", "request", "send", "publish", "broadcast"] as const;
/** The phase that opens the subscriptions every later phase publishes to. */
export const FIRST_PHASE = "initial";
export type Feature = (typeof FEATURES)[number];

/** One attempt: `from` reached `to` by `feature` (or not), with the time to first delivery. */
export interface Cell {
  readonly phase: string;
  readonly feature: Feature;
  readonly from: number;
  readonly to: number;
  readonly ok: boolean;
  readonly ms?: number;
  readonly error?: string;
  /** request/send: how it went (scenarios/reach.ts): straight, after a hole punch, or through a relay. */
  readonly via?: Via;
}

export interface Peer {
  readonly host: BuiltHost;
  readonly agent: AgentClient;
  /** The node's id in hex, once started. */
  id: string;
}

const pairs = (peers: readonly Peer[]): [Peer, Peer][] => peers.flatMap((a) => peers.filter((b) => b !== a).map((b) => [a, b] as [Peer, Peer]));
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function pairwise(phase: string, feature: Feature, peers: readonly Peer[], attempt: (a: Peer, b: Peer) => Promise<Omit<Cell, "phase" | "feature" | "from" | "to">>): Promise<Cell[]> {
  return Promise.all(pairs(peers).map(async ([a, b]) => ({ phase, feature, from: a.host.index, to: b.host.index, ...(await attempt(a, b)) })));
}

/** a puts its own key; b gets it. */
async function getMatrix(phase: string, peers: readonly Peer[], timeoutMs: number): Promise<Cell[]> {
  await Promise.all(peers.map((a) => a.agent.ask({ op: "put", key: `${phase}-key-${a.host.index}`, value: `value of ${a.host.spec.name}`, timeoutMs })));
  return pairwise(phase, "get", peers, async (a, b) => {
    const started = Date.now();
    const answer = await b.agent.ask({ op: "get", key: `${phase}-key-${a.host.index}`, timeoutMs });
    const ok = answer.ok && answer.value === `value of ${a.host.spec.name}`;
    return { ok, ms: Date.now() - started, ...(answer.error ? { error: answer.error } : {}) };
  });
}

async function requestMatrix(phase: string, feature: "findNode" | "request", peers: readonly Peer[], timeoutMs: number): Promise<Cell[]> {
  return pairwise(phase, feature, peers, async (a, b) => {
    const started = Date.now();
    const answer = feature === "findNode"
      ? await a.agent.ask({ op: "findNode", id: b.id, timeoutMs })
      : await a.agent.ask({ op: "request", id: b.id, value: `from ${a.host.index}`, timeoutMs });
    const ok = answer.ok && (feature === "findNode" ? answer.found === true : (answer.reply as { echo?: string } | undefined)?.echo === `from ${a.host.index}`);
    return { ok, ms: Date.now() - started, ...(answer.error ? { error: answer.error } : {}) };
  });
}

/** Every b subscribes to its own topic, every a publishes to each; then b's arrivals are read. */
async function deliveryMatrix(phase: string, feature: "publish" | "broadcast", peers: readonly Peer[], timeoutMs: number): Promise<Cell[]> {
  await Promise.all(peers.map((p) => p.agent.ask({ op: "heard" })));
  const sentAt = new Map<string, number>(); // by `${from}>${to}` (publish) or `${from}` (broadcast)
  if (feature === "publish") {
    // Subscriptions open in the first phase and stay: later phases publish to them again
    // (after an idle period, only the NAT mappings toward the rendezvous let DELIVERs in).
    if (phase === FIRST_PHASE) await Promise.all(peers.map((b) => b.agent.ask({ op: "subscribe", topic: `topic-${b.host.index}`, timeoutMs })));
    await Promise.all(pairs(peers).map(async ([a, b]) => {
      sentAt.set(`${a.host.index}>${b.host.index}`, Date.now());
      await a.agent.ask({ op: "publish", topic: `topic-${b.host.index}`, value: `${phase}:${a.host.index}`, timeoutMs });
    }));
  } else {
    await Promise.all(peers.map(async (a) => {
      sentAt.set(`${a.host.index}`, Date.now());
      await a.agent.ask({ op: "broadcast", value: `${phase}:${a.host.index}`, timeoutMs });
    }));
  }
  await wait(Math.min(timeoutMs, 3_000));
  const heard = new Map<number, { via: string; data: string; at: number }[]>();
  await Promise.all(peers.map(async (b) => heard.set(b.host.index, ((await b.agent.ask({ op: "heard" })).heard ?? []) as never)));
  const via = feature === "publish" ? "topic" : "broadcast";
  return pairs(peers).map(([a, b]) => {
    const arrival = heard.get(b.host.index)?.find((m) => m.via === via && m.data === `${phase}:${a.host.index}`);
    return { phase, feature, from: a.host.index, to: b.host.index, ok: arrival !== undefined, ...(arrival ? { ms: Math.max(0, arrival.at - (sentAt.get(`${a.host.index}>${b.host.index}`) ?? sentAt.get(`${a.host.index}`)!)) } : {}) };
  });
}

/** Runs `features` for every pair of `peers`, one feature at a time. */
export async function runMatrix(phase: string, peers: readonly Peer[], features: readonly Feature[], timeoutMs: number): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const feature of features) {
    if (feature === "get") cells.push(...(await getMatrix(phase, peers, timeoutMs)));
    else if (feature === "request" || feature === "send") cells.push(...(await reachMatrix(phase, feature, peers, timeoutMs)));
    else if (feature === "findNode") cells.push(...(await requestMatrix(phase, feature, peers, timeoutMs)));
    else cells.push(...(await deliveryMatrix(phase, feature, peers, timeoutMs)));
  }
  return cells;
}
