import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesEqual, isPlexusError } from "@plexus/core";
import type { Node } from "../src/index.js";
import type { Mesh } from "../support/mesh.js";
import { broadcastToAll, startMesh, withDeadline } from "../support/mesh.js";

const SIZE = 50;
const DEADLINE_MS = 5_000;

/** UDP handles open in this worker (Node's own name for a dgram socket's handle). */
const udpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r === "UDPWrap").length;

/**
 * UDP handles open once the sockets closed so far are freed: libuv frees a closed handle in
 * the close phase of the loop turn, which runs after the check phase, so the second
 * setImmediate comes after it.
 */
async function settledUdpHandles(): Promise<number> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  return udpHandles();
}

describe(`a ${SIZE}-node mesh over real UDP on 127.0.0.1`, () => {
  let mesh: Mesh;
  let nodes: Node[];
  let handlesBefore: number;

  beforeAll(async () => {
    handlesBefore = udpHandles();
    mesh = await startMesh({ size: SIZE });
    nodes = mesh.nodes;
  });
  afterAll(async () => {
    await mesh?.close();
  });

  it("binds every node to its own port", () => {
    const ports = new Set(nodes.map((n) => n.address?.port));
    expect(ports.size).toBe(SIZE);
    expect(udpHandles() - handlesBefore).toBe(SIZE);
  });

  it("finds an item stored by one node from another node", async () => {
    const item = await nodes[3]!.store({ value: "the original library's first check" });
    expect(item.stored + (item.local ? 1 : 0)).toBeGreaterThan(0);
    const found = await withDeadline(nodes[41]!.find({ key: item.key }), DEADLINE_MS, "find");
    expect(found?.value).toBe("the original library's first check");
    expect(found?.key).toEqual(item.key);
  });

  it("finds the exact node by id", async () => {
    for (const [asker, target] of [[0, 49], [17, 5], [49, 0]] as const) {
      const closest = await withDeadline(nodes[asker]!.findNode(nodes[target]!.id), DEADLINE_MS, "findNode");
      expect(bytesEqual(closest[0]!.id, nodes[target]!.id)).toBe(true);
      expect(closest[0]!.port).toBe(nodes[target]!.address!.port);
    }
  });

  it("broadcasts to every other node, with the origin's id, delivered exactly once per node", async () => {
    const delivered = (): number => nodes.reduce((sum, n) => sum + n.stats().broadcastsDelivered, 0);
    const deliveredBefore = delivered();
    const first = await broadcastToAll(nodes, nodes[7]!, "to everyone", DEADLINE_MS);
    try {
      expect(first.reached).toBe(SIZE - 1);
      expect(first.deliveries[7]).toBe(0);
      // With redundancy 2 most nodes get a second copy, sent about when the first was: those
      // still in flight land while a second broadcast crosses the whole mesh, and must be dropped.
      const second = await broadcastToAll(nodes, nodes[7]!, "to everyone, again", DEADLINE_MS);
      second.stop();
      expect(first.deliveries.filter((n) => n === 1).length).toBe(SIZE - 1);
      expect(first.deliveries.every((n) => n <= 1)).toBe(true);
      expect(delivered() - deliveredBefore).toBe(2 * (SIZE - 1));
    } finally {
      first.stop();
    }
  });

  it("reports a missing key as a timeout event and undefined, without waiting for a timeout", async () => {
    const key = new Uint8Array(randomBytes(32));
    const timeoutsBefore = nodes[12]!.stats().rpcTimeouts;
    const lookup = nodes[12]!.find({ key });
    const event = new Promise<string>((resolve) => {
      lookup.once("found", () => resolve("found"));
      lookup.once("timeout", () => resolve("timeout"));
    });
    expect(await withDeadline(event, DEADLINE_MS, "missing find")).toBe("timeout");
    expect(await lookup).toBeUndefined();
    // Convergence, not a request timeout, ended it: nobody was left unanswered.
    expect(nodes[12]!.stats().rpcTimeouts).toBe(timeoutsBefore);
    expect(await withDeadline(nodes[30]!.get(key), DEADLINE_MS, "get")).toBeUndefined();
  });

  it("round-trips strings, bytes and objects with their types", async () => {
    const values = ["text ✓", new Uint8Array([1, 2, 3, 0, 255]), { list: [1, "two", null], nested: { ok: true } }];
    for (const [i, value] of values.entries()) {
      const { key } = await nodes[i]!.put(undefined, value);
      const back = await withDeadline(nodes[SIZE - 1 - i]!.get(key), DEADLINE_MS, "get");
      expect(back).toEqual(value);
      expect(typeof back).toBe(typeof value);
      if (value instanceof Uint8Array) expect(back).toBeInstanceOf(Uint8Array);
    }
    const named = await nodes[8]!.put("users/alice", { name: "Alice" });
    expect(await nodes[9]!.get("users/alice")).toEqual({ name: "Alice" });
    expect(named.key).toEqual(await nodes[10]!.put(named.key, { name: "Alice 2" }).then((r) => r.key));
    expect(await nodes[11]!.get(named.key)).toEqual({ name: "Alice 2" });
  });

  it("refuses a too-large value: a throw for store(), a rejection for put()", async () => {
    const big = "x".repeat(1100);
    let thrown: unknown;
    try {
      nodes[0]!.store({ value: big });
    } catch (error) {
      thrown = error;
    }
    expect(isPlexusError(thrown, "ERR_VALUE_TOO_LARGE")).toBe(true);
    await expect(nodes[0]!.put(undefined, big)).rejects.toMatchObject({ code: "ERR_VALUE_TOO_LARGE" });
    expect(() => nodes[0]!.broadcast({ data: big })).toThrow(expect.objectContaining({ code: "ERR_VALUE_TOO_LARGE" }));
    // The largest value that fits: 1024 bytes encoded (1 kind byte + 1023).
    const { key } = await nodes[1]!.put(undefined, new Uint8Array(1023).fill(7));
    expect(((await nodes[2]!.get(key)) as Uint8Array).length).toBe(1023);
  });
});

describe("closing a mesh over real UDP", () => {
  it("close() releases every socket and is idempotent", async () => {
    const handlesBefore = await settledUdpHandles();
    const mesh = await startMesh({ size: 4 });
    try {
      expect(udpHandles() - handlesBefore).toBe(4);
      await mesh.close();
      await Promise.all(mesh.nodes.map((n) => n.close()));
      expect(mesh.nodes.every((n) => n.address === undefined)).toBe(true);
      await expect(mesh.nodes[0]!.get("anything")).rejects.toMatchObject({ code: "ERR_STOPPED" });
      expect(await settledUdpHandles()).toBe(handlesBefore);
    } finally {
      await mesh.close();
    }
  });
});
