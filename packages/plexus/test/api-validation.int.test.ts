import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Node, isPlexusError } from "../src/index.js";

/**
 * Every public entry point of the facade, the engine and the realtime layer, called with
 * values of every wrong kind: each call returns, or throws / rejects with a PlexusError
 * carrying a code, and nothing is thrown later from a timer or socket callback.
 */
const BAD: readonly unknown[] = [
  undefined, null, 42, -1, Number.NaN, true, "x", "127.0.0.1:9", {}, [], { signal: 1 },
  { host: 5, port: "a" }, { host: "127.0.0.1", port: 70_000 }, { host: "example.com", port: 1 }, Symbol("s"),
];

/** A readable name for a bad value in a failure message. */
function show(value: unknown): string {
  if (typeof value === "symbol" || typeof value === "string") return String(value.toString());
  if (typeof value !== "object" || value === null) return String(value);
  return Array.isArray(value) ? "[]" : JSON.stringify(value);
}

type Call = (bad: unknown) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

describe("entry points reject wrong arguments with typed errors", () => {
  let node: Node;
  let peer: Node;
  const late: unknown[] = [];
  const onLate = (error: unknown): void => { late.push(error); };

  beforeAll(async () => {
    process.on("uncaughtException", onLate);
    process.on("unhandledRejection", onLate);
    node = new Node({ port: 0, requestTimeoutMs: 100, joinAttempts: 1 });
    node.on("error", () => undefined);
    peer = new Node({ port: 0 });
    await Promise.all([node.listen(), peer.listen()]);
  });

  afterAll(async () => {
    process.off("uncaughtException", onLate);
    process.off("unhandledRejection", onLate);
    await Promise.all([node.close(), peer.close()]);
  });

  it("facade, engine and realtime: a PlexusError with a code for every wrong argument", async () => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- wrong types on purpose */
    const a = (v: unknown): any => v;
    const one = new Uint8Array(1);
    const calls: Record<string, Call> = {
      "new Node(x)": (v) => new Node(a(v)).close(),
      "new Node({ host: x })": (v) => new Node({ host: a(v), autoListen: false }).close(),
      "new Node({ port: x })": (v) => new Node({ port: a(v), autoListen: false }).close(),
      "new Node({ id: x })": (v) => new Node({ id: a(v), autoListen: false }).close(),
      "new Node({ k: x })": (v) => new Node({ k: a(v), autoListen: false }).close(),
      "new Node({ directTimeoutMs: x })": (v) => new Node({ directTimeoutMs: a(v), autoListen: false }).close(),
      "new Node({ requestTimeoutMs: x })": (v) => new Node({ requestTimeoutMs: a(v), autoListen: false }).close(),
      "new Node({ peers: x })": (v) => new Node({ peers: a(v), autoListen: false }).close(),
      "new Node({ capacity: x })": (v) => new Node({ capacity: a(v), autoListen: false }).close(),
      "new Node({ expire: x })": (v) => new Node({ expire: a(v), autoListen: false }).close(),
      "connect(x)": (v) => node.connect(a(v)),
      "connect([x])": (v) => node.connect([a(v)]),
      "connect(peer, x)": (v) => node.connect(peer.address!, a(v)),
      "rejoin(x)": (v) => node.rejoin(a(v)),
      "store(x)": (v) => node.store(a(v)),
      "store({ key: x })": (v) => node.store({ key: a(v), value: 1 }),
      "store(item, x)": (v) => node.store({ value: 1 }, a(v)),
      "put(x, 1)": (v) => node.put(a(v), 1),
      "put(undefined, 1, x)": (v) => node.put(undefined, 1, a(v)),
      "find(x)": (v) => node.find(a(v)),
      "find({ key: x })": (v) => node.find({ key: a(v) }),
      "find({ key, type: x })": (v) => node.find({ key: "k", type: a(v) }),
      "store({ republish: x })": (v) => node.store({ value: 1, republish: a(v) }),
      "message(x)": (v) => node.message(a(v)),
      "message({ id: x })": (v) => node.message({ message: 1, id: a(v) }),
      "get(x)": (v) => node.get(a(v)),
      "get(key, x)": (v) => node.get("ab".repeat(32), a(v)),
      "getLocal(x)": (v) => node.getLocal(a(v)),
      "findNode(x)": (v) => node.findNode(a(v)),
      "findNode(id, x)": (v) => node.findNode(node.id, a(v)),
      "broadcast(x)": (v) => node.broadcast(a(v)),
      "broadcast(data, x)": (v) => node.broadcast({ data: 1 }, a(v)),
      "subscribe(x)": (v) => node.subscribe(a(v)).ready,
      "subscribe(topic, x)": (v) => node.subscribe("t", a(v)).ready,
      "publish(x, 1)": (v) => node.publish(a(v), 1),
      "publish(topic, 1, x)": (v) => node.publish("t", 1, a(v)),
      "send(x, 1)": (v) => node.send(a(v), 1),
      "send(id, 1, x)": (v) => node.send(peer.id, 1, a(v)),
      "request(x, 1)": (v) => node.request(a(v), 1),
      "request(id, 1, x)": (v) => node.request(peer.id, 1, a(v)),
      "onRequest(x)": (v) => node.onRequest(a(v)),
      "engine.start(x)": (v) => node.engine.start(a(v)),
      "engine.ping(x)": (v) => node.engine.ping(a(v)),
      "engine.ping(peer, x)": (v) => node.engine.ping(peer.address!, a(v)),
      "engine.join(x)": (v) => node.engine.join(a(v)),
      "engine.findNode(x)": (v) => node.engine.findNode(a(v)),
      "engine.findNode(id, x)": (v) => node.engine.findNode(node.id, a(v)),
      "engine.lookup(id, x)": (v) => node.engine.lookup(node.id, a(v)).next(),
      "engine.getValue(x)": (v) => node.engine.getValue(a(v)),
      "engine.getValue(id, x)": (v) => node.engine.getValue(node.id, a(v)),
      "engine.putValue(x, v)": (v) => node.engine.putValue(a(v), one),
      "engine.putValue(id, x)": (v) => node.engine.putValue(node.id, a(v)),
      "engine.putValue(id, v, x)": (v) => node.engine.putValue(node.id, one, a(v)),
      "engine.putImmutable(x)": (v) => node.engine.putImmutable(a(v)),
      "engine.getImmutable(x)": (v) => node.engine.getImmutable(a(v)),
      "engine.putMutable(x)": (v) => node.engine.putMutable(a(v)),
      "engine.getMutable(x)": (v) => node.engine.getMutable(a(v)),
      "engine.getMutable(key, x)": (v) => node.engine.getMutable(node.id, a(v)),
      "engine.unpublish(x)": (v) => node.engine.unpublish(a(v)),
      "engine.broadcast(x)": (v) => node.engine.broadcast(a(v)),
      "engine.broadcast(data, x)": (v) => node.engine.broadcast(one, a(v)),
      "realtime.subscribe(x)": (v) => node.realtime.subscribe(a(v)),
      "realtime.subscribe(topic, x)": (v) => node.realtime.subscribe(node.id, a(v)),
      "realtime.publish(x, v)": (v) => node.realtime.publish(a(v), one),
      "realtime.publish(topic, x)": (v) => node.realtime.publish(node.id, a(v)),
      "realtime.send(x, v)": (v) => node.realtime.send(a(v), one),
      "realtime.send(id, x)": (v) => node.realtime.send(peer.id, a(v)),
      "realtime.send(id, v, x)": (v) => node.realtime.send(peer.id, one, a(v)),
      "realtime.request(x, v)": (v) => node.realtime.request(a(v), one),
      "realtime.request(id, v, x)": (v) => node.realtime.request(peer.id, one, a(v)),
      "realtime.handleRequests(x)": (v) => node.realtime.handleRequests(a(v)),
    };
    /* eslint-enable @typescript-eslint/no-explicit-any */
    const untyped: string[] = [];
    const settled: Promise<void>[] = [];
    for (const [name, call] of Object.entries(calls)) {
      for (const value of BAD) {
        const check = (error: unknown): void => {
          if (!isPlexusError(error) || typeof error.code !== "string") untyped.push(`${name} with ${show(value)}: ${String(error)}`);
        };
        try {
          const result = call(value);
          // Promises, and the seed-style results that are also awaitable (connect, store, find).
          if (isThenable(result)) settled.push(Promise.resolve(result).then(() => undefined, check));
        } catch (error) {
          check(error);
        }
      }
    }
    await Promise.all(settled);
    // Long enough for every request timer armed by these calls to fire (100 ms x 3 attempts).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    console.log(`${Object.keys(calls).length} entry points x ${BAD.length} wrong values: ${untyped.length} untyped errors, ${late.length} thrown later`);
    expect(untyped).toEqual([]);
    expect(late).toEqual([]);
  }, 60_000);

  it("connect() takes \"host:port\" strings as well as { host, port }", async () => {
    const { port } = peer.address!;
    await node.connect(`127.0.0.1:${port}`);
    expect(node.engine.table.has(peer.id)).toBe(true);
    await expect(node.connect("127.0.0.1:0")).rejects.toMatchObject({ code: "ERR_INVALID_ADDRESS" });
  });
});
