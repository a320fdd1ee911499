import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Address } from "../src/index.js";
import { Node, isPlexusError } from "../src/index.js";
import { withDeadline } from "../support/mesh.js";

const DEADLINE_MS = 5_000;
const PEERS = 5;
const deadline = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(DEADLINE_MS) });

describe("the seed-style API end to end", () => {
  let seed: Node;
  let peers: Node[];
  let seedAddress: Address;

  beforeAll(async () => {
    // Constructed only: it binds by itself (autoListen) and answers the others.
    seed = new Node({ host: "127.0.0.1", port: 0 });
    [seedAddress] = (await once(seed, "listening", deadline())) as [Address];
    peers = Array.from({ length: PEERS }, () => new Node({ host: "127.0.0.1", port: 0 }));
    const connected = peers.map((p) => once(p, "connect", deadline()));
    for (const p of peers) p.connect({ host: "localhost", port: seedAddress.port }); // promise ignored
    await Promise.all(connected);
  });
  afterAll(async () => {
    await Promise.all([seed, ...(peers ?? [])].map((n) => n?.close()));
  });

  it("stores with a hash key and finds through events", async () => {
    const item = peers[0]!.store({ value: "seed style" });
    expect(item.key).toMatch(/^[0-9a-f]{64}$/); // seed-style keys are strings: the hash in hex
    expect(item.value).toBe("seed style");
    expect(item.publisher).toBe(peers[0]!.idHex);
    expect((await item).stored).toBeGreaterThan(0); // another node's find racing the store could miss it
    const lookup = peers[PEERS - 1]!.find({ key: item.key });
    const [found] = await once(lookup, "found", deadline());
    expect(found).toMatchObject({ key: item.key, value: "seed style", publisher: peers[0]!.idHex });
  });

  it("stores under a chosen key (bytes or string)", async () => {
    const item = peers[1]!.store({ key: "greeting", value: { hello: "world" } });
    await item;
    const [found] = await once(seed.find({ key: "greeting" }), "found", deadline());
    expect(found.value).toEqual({ hello: "world" });
    expect(found.key).toBe("greeting");
    expect(item.key).toBe("greeting"); // the key as given
  });

  it("emits timeout (and notfound) for a missing key", async () => {
    const lookup = peers[2]!.find({ key: "never stored" });
    const notfound = once(lookup, "notfound", deadline());
    await once(lookup, "timeout", deadline());
    await notfound;
  });

  it("delivers a broadcast to every listener with data and origin", async () => {
    const heard = peers.map((p) => once(p, "broadcast", deadline()));
    void seed.broadcast({ data: "hello everyone" });
    for (const [data, origin] of await Promise.all(heard)) {
      expect(data).toBe("hello everyone");
      expect(origin).toBe(seed.idHex);
    }
  });

  it("reports a failed connect as an error event and a rejection, never an unhandled one", async () => {
    const lonely = new Node({ port: 0, joinAttempts: 1, requestTimeoutMs: 50, requestRetries: 0 });
    const dead = new Node({ port: 0, autoListen: false });
    const deadAddress = await dead.listen();
    await dead.close();
    try {
      const errored = once(lonely, "error", deadline());
      const joining = lonely.connect(deadAddress);
      const [error] = await errored;
      expect(isPlexusError(error, "ERR_JOIN_FAILED")).toBe(true);
      await expect(joining).rejects.toBe(error);
      // Ignored entirely (no listener, promise dropped): must not surface as unhandled.
      lonely.removeAllListeners("error");
      await lonely.connect(deadAddress).catch(() => undefined);
      lonely.connect(deadAddress);
    } finally {
      await lonely.close();
    }
  });

  it("reports a port already in use as an error event", async () => {
    const taken = new Node({ port: seedAddress.port });
    try {
      const [error] = (await once(taken, "error", deadline())) as [Error];
      expect(isPlexusError(error, "ERR_TRANSPORT")).toBe(true);
      await expect(taken.ready).rejects.toBe(error);
    } finally {
      await taken.close();
    }
  });

  it("rejects an aborted call with the signal's reason", async () => {
    const reason = new Error("changed my mind");
    await expect(peers[0]!.get("greeting", { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(peers[0]!.put("k", "v", { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it("closes idempotently, also through Symbol.asyncDispose; later calls fail quietly", async () => {
    const node = new Node({ port: 0 });
    await node.ready;
    await Promise.all([node.close(), node[Symbol.asyncDispose](), node.close()]);
    expect(node.address).toBeUndefined();
    await expect(node.listen()).rejects.toMatchObject({ code: "ERR_STOPPED" });
    // Seed-style calls on a closed node, results ignored: no unhandled rejection, no crash.
    const item = node.store({ value: "too late" });
    node.broadcast({ data: "too late" });
    node.connect(seedAddress);
    // (events.once would listen for "error" too, and an error listener does get the error.)
    const lookup = node.find({ key: item.key });
    await withDeadline(new Promise<void>((resolve) => lookup.once("timeout", () => resolve())), DEADLINE_MS, "timeout event");
    await expect(item).rejects.toMatchObject({ code: "ERR_STOPPED" });
  });
});
