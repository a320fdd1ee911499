import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopicMessage } from "../src/index.js";
import { Node, isPlexusError } from "../src/index.js";

const DEADLINE_MS = 5_000;
const NODES = 6;
const deadline = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(DEADLINE_MS) });

/** The next `count` messages of a subscription, or a rejection at the deadline. */
async function take(sub: AsyncIterableIterator<TopicMessage>, count: number): Promise<TopicMessage[]> {
  const out: TopicMessage[] = [];
  const timeout = AbortSignal.timeout(DEADLINE_MS);
  const aborted = new Promise<never>((_, reject) => timeout.addEventListener("abort", () => reject(timeout.reason as Error)));
  aborted.catch(() => undefined);
  while (out.length < count) {
    const r = await Promise.race([sub.next(), aborted]);
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

describe("topics and direct messages over UDP", () => {
  let nodes: Node[];

  beforeAll(async () => {
    nodes = Array.from({ length: NODES }, () => new Node({ host: "127.0.0.1", port: 0 }));
    const first = await nodes[0]!.ready;
    await Promise.all(nodes.slice(1).map((n) => n.connect(first, deadline())));
  });
  afterAll(async () => {
    await Promise.all((nodes ?? []).map((n) => n.close()));
  });

  it("every subscriber gets each publication once, decoded", async () => {
    const subs = [nodes[1]!, nodes[2]!, nodes[3]!].map((n) => n.subscribe("lobby", deadline()));
    const acked = await Promise.all(subs.map((s) => s.ready));
    expect(Math.min(...acked)).toBeGreaterThan(0);
    const result = await nodes[4]!.publish("lobby", { text: "hi" }, deadline());
    expect(result.delivered).toBe(1);
    await nodes[5]!.publish("lobby", "second", deadline());
    for (const sub of subs) {
      const got = await take(sub, 2);
      expect(got.map((m) => m.data)).toEqual(expect.arrayContaining([{ text: "hi" }, "second"]));
      const first = got.find((m) => typeof m.data === "object")!;
      expect(first).toMatchObject({ topic: "lobby", origin: nodes[4]!.id, id: result.id }); // bytes, as the promise API returns ids
      expect(Object.isFrozen(first)).toBe(true);
      await sub.return();
    }
  });

  it("send() reaches the target as a message event", async () => {
    const heard = once(nodes[2]!, "message", deadline());
    await nodes[1]!.send(nodes[2]!.idHex, "direct hello", deadline());
    const [data, from] = await heard;
    expect(data).toBe("direct hello");
    expect(from.id).toBe(nodes[1]!.idHex); // the sender: { id, host, port, name }
    expect(from.port).toBe(nodes[1]!.address!.port);
  });

  it("request() gets the onRequest handler's reply, or a reply() from a message listener", async () => {
    // The nodes are shared by every test here: the handlers go again even when a check fails.
    nodes[3]!.onRequest((data, from) => ({ echo: data, from }));
    try {
      expect(await nodes[1]!.request(nodes[3]!.id, "ping?", deadline())).toEqual({ echo: "ping?", from: nodes[1]!.id });
    } finally {
      nodes[3]!.onRequest(undefined);
    }
    const listener = (data: unknown, _from: unknown, reply?: (v: unknown) => void): void => reply?.(`re: ${String(data)}`);
    nodes[4]!.on("message", listener);
    try {
      expect(await nodes[1]!.request(nodes[4]!.idHex, "yo", deadline())).toBe("re: yo");
    } finally {
      nodes[4]!.off("message", listener);
    }
  });

  it("fails clearly: no handler, unknown node, oversized data", async () => {
    const noHandler = await nodes[1]!.request(nodes[5]!.idHex, "?", deadline()).catch((e: unknown) => e);
    expect(isPlexusError(noHandler, "ERR_REMOTE")).toBe(true);
    const unknown = await nodes[1]!.send(randomBytes(32), "?", deadline()).catch((e: unknown) => e);
    expect(isPlexusError(unknown, "ERR_UNREACHABLE")).toBe(true);
    await expect(nodes[1]!.send(nodes[2]!.idHex, "x".repeat(2000))).rejects.toMatchObject({ code: "ERR_VALUE_TOO_LARGE" });
    await expect(nodes[1]!.publish("lobby", "x".repeat(2000))).rejects.toMatchObject({ code: "ERR_VALUE_TOO_LARGE" });
  });
});
