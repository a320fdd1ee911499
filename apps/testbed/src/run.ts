/**
 * One testbed run: build the topology, start an agent and its node on every host, join them
 * through the first host, run the pairwise scenarios, optionally again after an idle period
 * longer than the routers' UDP timeouts and after the NAT routers change their mappings,
 * and tear everything down (also on failure).
 */
import { AgentClient } from "./agent/client.js";
import { tableFigures } from "./figures.js";
import type { IdleCost, TableEntry, TableFigures } from "./figures.js";
import { buildTopology, natRule } from "./lab/build.js";
import type { BuiltHost } from "./lab/build.js";
import { Lab, sweepStale } from "./lab/lab.js";
import { inNs } from "./lab/shell.js";
import type { Topology } from "./lab/topology.js";
import { FEATURES, FIRST_PHASE, runMatrix } from "./scenarios/matrix.js";
import type { Cell, Feature, Peer } from "./scenarios/matrix.js";

export interface RunOptions {
  readonly topology: Topology;
  /** The command that runs the agent (node and script), inside each host's namespace. */
  readonly agentArgv: readonly string[];
  /** Bound on every call. @default 8_000 */
  readonly timeoutMs?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

export interface JoinResult {
  readonly host: number;
  readonly ok: boolean;
  readonly ms?: number;
  readonly error?: string;
}

/** What a host's node learned of itself (stats at the end of the idle phase, else of the initial one). */
export interface HostReachability {
  readonly host: number;
  readonly natType?: string;
  readonly publicAddress?: { host: string; port: number };
  readonly client?: boolean;
  readonly tableSize?: number;
  /** Ms from its node's listen() until it declared itself a client (a firewalled host is a server until then). */
  readonly clientAfterMs?: number;
  /** Keep-alive PINGs toward its rendezvous per minute of the idle phase (behind a NAT). */
  readonly keepAlivesPerMinute?: number;
  /** Its NAT traversal counters at the end of the run (realtime `stats()`, docs/nat.md). */
  readonly traversal?: Readonly<Record<string, number>>;
  /** Everything its socket sent per minute of the idle phase (keep-alives of all kinds: nothing else runs then). */
  readonly idle?: IdleCost;
}

export interface RunResult {
  readonly topology: Topology;
  readonly reachability: readonly HostReachability[];
  readonly hosts: readonly Pick<BuiltHost, "index" | "spec" | "v4" | "v6" | "bind">[];
  readonly joins: readonly JoinResult[];
  readonly cells: readonly Cell[];
  /** The servers' routing tables, classified, after the initial phase and at the end. */
  readonly tables?: readonly { readonly phase: string; readonly figures: TableFigures }[];
}

const REACHABILITY: readonly Feature[] = ["findNode", "request", "send", "publish"];
const formatAddress = (host: string, port: number): string => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

async function startAll(hosts: readonly BuiltHost[], agents: readonly AgentClient[], timeoutMs: number,
  options: Readonly<Record<string, unknown>> = {}): Promise<{ peers: Peer[]; joins: JoinResult[] }> {
  const first = await agents[0]!.ask({ op: "start", bind: hosts[0]!.bind, options, timeoutMs });
  if (!first.ok) throw new Error(`the bootstrap node did not start: ${first.error}`);
  const port = (first.address as { port: number }).port;
  const boot = hosts[0]!;
  const peers: Peer[] = [{ host: boot, agent: agents[0]!, id: String(first.id) }];
  const joins: JoinResult[] = [{ host: 0, ok: true, ms: 0 }];
  await Promise.all(hosts.slice(1).map(async (host, i) => {
    const bootstrap = [...(host.v4 ? [formatAddress(boot.v4!, port)] : []), ...(host.v6 ? [formatAddress(boot.v6!, port)] : [])];
    const answer = await agents[i + 1]!.ask({ op: "start", bind: host.bind, bootstrap, options, timeoutMs });
    joins.push({ host: host.index, ok: answer.ok, ...(answer.ok ? { ms: Number(answer.joinMs) } : { error: answer.error! }) });
    if (answer.ok) peers.push({ host, agent: agents[i + 1]!, id: String(answer.id) });
  }));
  peers.sort((a, b) => a.host.index - b.host.index);
  return { peers, joins: joins.sort((a, b) => a.host - b.host) };
}

type NodeStatsLike = Partial<HostReachability> & {
  readonly natKeepAlives?: number;
  readonly transport?: { readonly datagramsSent: number; readonly bytesSent: number };
};

/** The servers' tables (public hosts whose node is not a client), classified by address. */
async function tablesOf(peers: readonly Peer[], timeoutMs: number): Promise<TableFigures> {
  const [tables, stats] = await Promise.all([
    Promise.all(peers.map(async ({ agent }) => (await agent.ask({ op: "table", timeoutMs })).table as TableEntry[] | undefined)),
    statsOf(peers, timeoutMs),
  ]);
  return tableFigures(peers.map((p) => p.host), tables, peers.map((p, i) => p.host.spec.kind === "public" && stats[i]?.client === false));
}

/** What `after` sent more than `before`, per minute. */
function idleCost(host: number, before: NodeStatsLike | undefined, after: NodeStatsLike | undefined, minutes: number): IdleCost {
  const sent = (s: NodeStatsLike | undefined) => s?.transport ?? { datagramsSent: 0, bytesSent: 0 };
  return { host, datagramsPerMinute: Math.round((sent(after).datagramsSent - sent(before).datagramsSent) / minutes),
    bytesPerMinute: Math.round((sent(after).bytesSent - sent(before).bytesSent) / minutes) };
}

async function statsOf(peers: readonly Peer[], timeoutMs: number): Promise<(NodeStatsLike | undefined)[]> {
  return Promise.all(peers.map(async ({ agent }) => (await agent.ask({ op: "stats", timeoutMs })).stats as NodeStatsLike | undefined));
}

function reachabilityOf(host: number, stats: NodeStatsLike | undefined): HostReachability {
  if (!stats) return { host };
  return { host, natType: stats.natType!, client: stats.client!, tableSize: stats.tableSize!, ...(stats.publicAddress ? { publicAddress: stats.publicAddress } : {}),
    ...(stats.clientAfterMs !== undefined ? { clientAfterMs: stats.clientAfterMs } : {}) };
}

const TRAVERSAL = ["reservations", "reservationsServed", "punchesTried", "punchesSucceeded", "punchesAnswered", "sentViaRelay", "relayedMessages", "relayedBytes", "relayDropped", "relayedBridged", "reservesOnRebind"] as const;

function traversalOf(stats: NodeStatsLike | undefined): Record<string, number> {
  const all = (stats ?? {}) as Readonly<Record<string, unknown>>;
  return Object.fromEntries(TRAVERSAL.map((k) => [k, typeof all[k] === "number" ? all[k] : 0]));
}

/** Every NAT router forgets its mappings and maps anew into another port range. */
function rebindAll(hosts: readonly BuiltHost[]): void {
  for (const host of hosts) {
    if (!host.router || host.spec.kind === "firewall") continue;
    natRule(host.router, host.spec.kind, "20000-29999");
    inNs(host.router, "conntrack", ["-F"]);
  }
}

export async function runTestbed(options: RunOptions): Promise<RunResult> {
  const { topology } = options;
  const timeoutMs = options.timeoutMs ?? 8_000;
  const log = options.log ?? (() => undefined);
  const swept = sweepStale();
  if (swept) log(`removed ${swept} namespaces left by an earlier run`);
  const lab = new Lab();
  const agents: AgentClient[] = [];
  try {
    const hosts = buildTopology(lab, topology);
    log(`built ${hosts.length} hosts (${topology.name})`);
    for (const host of hosts) {
      agents.push(new AgentClient(host.ns, options.agentArgv, (code, stderr) => log(`agent of ${host.spec.name} exited (${code}): ${stderr}`)));
    }
    const { peers, joins } = await startAll(hosts, agents, timeoutMs, topology.nodeOptions);
    log(`joined: ${joins.filter((j) => j.ok).length}/${joins.length}`);
    const cells = await runMatrix(FIRST_PHASE, peers, FEATURES, timeoutMs);
    log(`initial: ${cells.filter((c) => c.ok).length}/${cells.length} reached`);
    const tables = [{ phase: "initial", figures: await tablesOf(peers, timeoutMs) }];
    const before = await statsOf(peers, timeoutMs);
    let reachability = before.map((s, i) => reachabilityOf(peers[i]!.host.index, s));
    if (topology.idleMs) {
      log(`idle ${topology.idleMs} ms`);
      const idleStarted = Date.now();
      await new Promise((resolve) => setTimeout(resolve, topology.idleMs));
      const after = await statsOf(peers, timeoutMs);
      const minutes = (Date.now() - idleStarted) / 60_000;
      // What each node concluded by the end of the idle phase (a firewall check takes ~30-60 s).
      reachability = after.map((s, i) => reachabilityOf(peers[i]!.host.index, s)).map((r, i) => ({ ...r, keepAlivesPerMinute: Math.round(((after[i]?.natKeepAlives ?? 0) - (before[i]?.natKeepAlives ?? 0)) / minutes),
        idle: idleCost(r.host, before[i], after[i], minutes) }));
      tables.push({ phase: "after idle", figures: await tablesOf(peers, timeoutMs) });
      cells.push(...(await runMatrix("after idle", peers, REACHABILITY, timeoutMs)));
    }
    if (topology.rebind) {
      rebindAll(hosts);
      log("NAT routers rebound");
      cells.push(...(await runMatrix("after rebind", peers, REACHABILITY, timeoutMs)));
    }
    const last = await statsOf(peers, timeoutMs);
    reachability = reachability.map((r, i) => ({ ...r, traversal: traversalOf(last[i]) }));
    return { topology, reachability, hosts: hosts.map(({ index, spec, v4, v6, bind }) => ({ index, spec, bind, ...(v4 ? { v4 } : {}), ...(v6 ? { v6 } : {}) })), joins, cells, tables };
  } finally {
    await Promise.all(agents.map((a) => a.stop()));
    lab.destroy();
  }
}
