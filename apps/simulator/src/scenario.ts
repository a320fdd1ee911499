import type { LatencyModel } from "@plexus/transport-memory";

/** How new nodes pick the node they join through. */
export const JOIN_PATTERNS = ["random", "bootstrap"] as const;
/** `random`: a random node already joined; `bootstrap`: always the first node. */
export type JoinPattern = (typeof JOIN_PATTERNS)[number];

/** Everything one simulation run depends on; the same scenario gives the same results.json. */
export interface Scenario {
  /** Name of the study; the default output directory is `out/<name>`. */
  readonly name: string;
  readonly seed: number;
  /** Nodes built by real joins before measuring. */
  readonly nodes: number;
  readonly join: JoinPattern;
  /** Nodes joining at once while building (1 = strictly sequential). */
  readonly joinBatch: number;
  /** Simulated latency (see `LatencyModel` of @plexus/transport-memory). */
  readonly latency: LatencyModel;
  /** Datagram loss probability, from the first join on. */
  readonly loss: number;
  /** Fraction of the nodes that leave (and as many new ones that join) during `durationMs`. */
  readonly churn: number;
  /** Fraction of the live nodes killed at once after the lookup phase. */
  readonly kill: number;
  /** Lookups (FIND_NODE) spread evenly over `durationMs`, from random live nodes to random ids. */
  readonly lookups: number;
  /** Lookups right after the kill (measures success with dead contacts in every table). */
  readonly killLookups: number;
  /** Values put (from random nodes) before the churn and the kill. */
  readonly stores: number;
  /** Gets of those values (from random live nodes) after the kill. */
  readonly gets: number;
  /** Broadcasts after the kill, one at a time. */
  readonly broadcasts: number;
  /** Topics for the realtime phase (0 with `directs` 0: no realtime phase). */
  readonly topics: number;
  /** Subscribers per topic. */
  readonly subscribers: number;
  /** Publications per topic before the churn (one more after it). */
  readonly publishes: number;
  /** Direct messages before and after a 10% churn, between random live pairs. */
  readonly directs: number;
  readonly k: number;
  readonly alpha: number;
  /** Broadcast redundancy (contacts per bucket per hop). */
  readonly redundancy: number;
  /** Simulated length of the lookup + churn phase, in ms. */
  readonly durationMs: number;
  /**
   * Replicas sharing the lookup phase, one thread each: every replica builds the same
   * network from the seed (and makes the same stores), then runs every `workers`-th of the
   * lookups, under the same churn; the other phases run on the first replica only. Memory
   * grows by a network per replica. Results depend on it (they are the same for the same
   * value), as lookups in different replicas do not see each other's table updates.
   */
  readonly workers: number;
  /**
   * The engine's `verifyIdentities` for every node (with it, each node gets an ed25519
   * identity from its seeded Random and proves its id before others admit it). Off by
   * default here, unlike the engine, for speed: the default 1,000-node run takes 4.2x the
   * CPU with it (README "Identity verification").
   */
  readonly verifyIdentities: boolean;
  /** The engine's `routeCache.maxEntries` for every node (0: off). */
  readonly routeCache: number;
  /** The engine's `oneHop.maxContacts` for every node (0: the mode is off, the engine's default). */
  readonly oneHop: number;
  /**
   * Keys for the repeat phase (0: none): each put twice by one node and got twice by
   * another, before the kill; figures under `repeat` in results.json (absent without it).
   */
  readonly repeats: number;
}

/** Defaults: a bare `pnpm sim` finishes in about a minute on 2 cores. */
export const DEFAULT_SCENARIO: Scenario = {
  name: "default",
  seed: 1,
  nodes: 1000,
  join: "random",
  joinBatch: 16,
  latency: { minMs: 5, maxMs: 50 },
  loss: 0,
  churn: 0,
  kill: 0.3,
  lookups: 500,
  killLookups: 200,
  stores: 50,
  gets: 50,
  broadcasts: 3,
  topics: 0,
  subscribers: 20,
  publishes: 5,
  directs: 0,
  k: 20,
  alpha: 3,
  redundancy: 2,
  durationMs: 600_000,
  workers: 2,
  verifyIdentities: false,
  routeCache: 1000,
  oneHop: 0,
  repeats: 0,
};

/** Nodes replaced (one leaves, one joins) during the lookup phase. */
export function churnEventsOf(s: Scenario): number {
  return Math.round(s.nodes * s.churn);
}

/** Scenario fields a sweep may vary (numbers only). */
export const SWEEPABLE = ["nodes", "churn", "kill", "loss", "k", "alpha", "redundancy", "joinBatch", "routeCache", "oneHop"] as const;
/** A field a sweep varies. */
export type SweepKey = (typeof SWEEPABLE)[number];

/** A study: a base scenario and, optionally, one field taking several values. */
export interface Study {
  readonly base: Scenario;
  readonly sweep: { readonly key: SweepKey; readonly values: readonly number[] } | undefined;
}

/** The scenario of one sweep point. */
export function pointScenario(study: Study, value: number | undefined): Scenario {
  if (!study.sweep || value === undefined) return study.base;
  return { ...study.base, [study.sweep.key]: value };
}

/** The most replicas a run may use (each holds a whole network). */
export const MAX_WORKERS = 8;

const FRACTIONS = new Set(["churn", "kill", "loss"]);
const COUNTS = new Set(["nodes", "lookups", "killLookups", "stores", "gets", "broadcasts", "durationMs", "seed",
  "topics", "subscribers", "publishes", "directs", "routeCache", "oneHop", "repeats"]);

/**
 * Checks a scenario's ranges.
 * @throws Error naming the first bad field.
 */
export function validateScenario(s: Scenario): Scenario {
  const bad = (field: string, why: string): never => { throw new Error(`scenario.${field}: ${why}`); };
  for (const key of Object.keys(DEFAULT_SCENARIO)) if (!(key in s)) bad(key, "missing");
  for (const key of FRACTIONS) {
    const v = s[key as keyof Scenario] as number;
    if (!(v >= 0 && v <= 1)) bad(key, `must be in [0, 1], got ${v}`);
  }
  for (const key of COUNTS) {
    const v = s[key as keyof Scenario] as number;
    if (!Number.isInteger(v) || v < 0) bad(key, `must be an integer >= 0, got ${v}`);
  }
  if (s.nodes < 2) bad("nodes", "need at least 2 nodes");
  if (!JOIN_PATTERNS.includes(s.join)) bad("join", `one of ${JOIN_PATTERNS.join(", ")}`);
  if (!Number.isInteger(s.workers) || s.workers < 1 || s.workers > MAX_WORKERS) bad("workers", `must be an integer in 1..${MAX_WORKERS}, got ${s.workers}`);
  if (s.workers > 1 && typeof s.latency === "function") bad("workers", "a custom latency function cannot be sent to a worker: use 1");
  if (typeof s.verifyIdentities !== "boolean") bad("verifyIdentities", `must be true or false, got ${String(s.verifyIdentities)}`);
  for (const key of ["k", "alpha", "redundancy", "joinBatch"] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 1) bad(key, `must be an integer >= 1, got ${s[key]}`);
  }
  return s;
}

/**
 * Parses a latency flag: `30` (fixed), `5-50` (per-link base uniform in [5, 50]),
 * `5-50+10` (plus jitter up to 10), `40~10` (mean 40 +- 10 per datagram).
 * @throws Error on any other form.
 */
export function parseLatency(text: string): LatencyModel {
  const num = (s: string): number => {
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0) throw new Error(`bad latency number: ${s}`);
    return n;
  };
  const range = /^([\d.]+)-([\d.]+)(?:\+([\d.]+))?$/.exec(text);
  if (range) {
    const [, lo, hi, jitter] = range;
    return { minMs: num(lo!), maxMs: num(hi!), ...(jitter !== undefined ? { jitterMs: num(jitter) } : {}) };
  }
  const mean = /^([\d.]+)~([\d.]+)$/.exec(text);
  if (mean) return { meanMs: num(mean[1]!), jitterMs: num(mean[2]!) };
  if (/^[\d.]+$/.test(text)) return num(text);
  throw new Error(`bad --latency ${text}: use 30, 5-50, 5-50+10 or 40~10`);
}

/** A latency model as short text, for the report. */
export function describeLatency(model: LatencyModel): string {
  if (typeof model === "number") return `${model} ms`;
  if (typeof model === "function") return "custom";
  if ("meanMs" in model) return `${model.meanMs} ± ${model.jitterMs} ms`;
  return `${model.minMs}–${model.maxMs} ms per link${model.jitterMs ? ` + ${model.jitterMs} ms jitter` : ""}`;
}
