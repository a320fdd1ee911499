/** What the agent can be told to do, and doing it on its node. */
import type { Node, NodeOptions } from "plexus";

export interface Command {
  readonly seq: number;
  readonly op: "start" | "put" | "get" | "findNode" | "request" | "send" | "subscribe" | "publish" | "broadcast" | "heard" | "stats" | "table";
  readonly timeoutMs?: number;
  readonly bind?: string;
  readonly bootstrap?: readonly string[];
  readonly key?: string;
  readonly value?: string;
  readonly id?: string;
  readonly topic?: string;
  /** `start`: extra options of the node. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A message this host received by topic or broadcast, with its arrival time (wall ms). */
export interface Heard {
  readonly via: "topic" | "broadcast";
  readonly data: string;
  readonly at: number;
}

export interface AgentState {
  node: Node | undefined;
  /** Bounded: the controller drains it after every phase; at most 10,000 kept. */
  heard: Heard[];
  /** Ms from listen() until the node first declared itself a client (behind a NAT or firewall), once it did. */
  clientAfterMs?: number;
}

/** How often, and how long at most, the agent looks whether its node turned client. */
const CLIENT_POLL_MS = 100;
const CLIENT_WATCH_MS = 120_000;

/** Records when `node` first says it is a client (`state.clientAfterMs`): a poll, bounded in time. */
function watchClient(state: AgentState, node: Node, since: number): void {
  const timer = setInterval(() => {
    const waited = Date.now() - since;
    if (node.stats().client) state.clientAfterMs = waited;
    if (node.stats().client || waited > CLIENT_WATCH_MS) clearInterval(timer);
  }, CLIENT_POLL_MS);
  timer.unref();
}

const MAX_HEARD = 10_000;

function remember(state: AgentState, heard: Heard): void {
  if (state.heard.length < MAX_HEARD) state.heard.push(heard);
}

function nodeOf(state: AgentState): Node {
  if (!state.node) throw new Error("not started");
  return state.node;
}

async function start(state: AgentState, command: Command, signal: AbortSignal, make: (options: NodeOptions) => Node): Promise<object> {
  const node = make({ ...(command.options ?? {}), host: command.bind!, port: 0 });
  state.node = node;
  node.on("error", () => undefined);
  node.on("broadcast", (data) => remember(state, { via: "broadcast", data: String(data), at: Date.now() }));
  node.onRequest((data) => ({ echo: data }));
  const address = await node.listen();
  const started = Date.now();
  watchClient(state, node, started);
  if (command.bootstrap?.length) await node.connect([...command.bootstrap], { signal });
  return { address, id: node.idHex, joinMs: Date.now() - started };
}

async function subscribe(state: AgentState, topic: string, signal: AbortSignal): Promise<object> {
  const subscription = nodeOf(state).subscribe(topic);
  void (async () => {
    for await (const message of subscription) remember(state, { via: "topic", data: String(message.data), at: Date.now() });
  })().catch(() => undefined);
  const rendezvous = await Promise.race([subscription.ready, new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
  })]);
  return { rendezvous };
}

/** Performs one command; resolves to the fields of its answer. */
export async function perform(state: AgentState, command: Command, signal: AbortSignal, make: (options: NodeOptions) => Node): Promise<object> {
  const options = { signal };
  switch (command.op) {
    case "start": return start(state, command, signal, make);
    case "put": return { stored: (await nodeOf(state).put(command.key!, command.value!, options)).stored };
    case "get": return { value: (await nodeOf(state).get(command.key!, options)) ?? null };
    case "findNode": {
      const found = await nodeOf(state).findNode(command.id!, options);
      return { found: found.some((c) => Buffer.from(c.id).toString("hex") === command.id) };
    }
    case "request": return { reply: await nodeOf(state).request(command.id!, command.value!, options) };
    case "send": return { sent: (await nodeOf(state).send(command.id!, command.value!, options), true) };
    case "subscribe": return subscribe(state, command.topic!, signal);
    case "publish": return { subscribers: (await nodeOf(state).publish(command.topic!, command.value!, options)).subscribers };
    case "broadcast": return { result: await nodeOf(state).broadcast({ data: command.value! }, options) };
    case "heard": return { heard: state.heard.splice(0) };
    case "stats": return { stats: { ...nodeOf(state).stats(), ...(state.clientAfterMs !== undefined ? { clientAfterMs: state.clientAfterMs } : {}) } };
    case "table": {
      const { table } = nodeOf(state).engine;
      return { table: table.closest(table.self, table.size).map(({ host, port }) => ({ host, port })) };
    }
  }
}
