import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The original library's programs start with `const plexus = require("plexus")`; this is
// the same module under its ESM name, and every call below is written as its docs show.
import * as plexus from "../src/index.js";
import { withDeadline } from "../support/mesh.js";

/**
 * A program written from the original library's documentation (../shared/seed-docs:
 * node.md, item.md, contact.md, original-README.md), run over real UDP on 127.0.0.1 with
 * port 0: every documented option, method and event behaves as documented. Nothing here
 * awaits a join before storing, finding, broadcasting or messaging, as in the docs.
 */
const DEADLINE_MS = 10_000;
const deadline = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(DEADLINE_MS) });
const HEX_ID = /^[0-9a-f]{64}$/;

describe("the original library's documented API", () => {
  const nodes: plexus.Node[] = [];
  let seed: plexus.Node;
  let remote: { host: string; port: number };

  /** A node as node.md creates one (port 0: any free port), joined to the seed node. */
  const joined = (options: plexus.NodeOptions = {}): plexus.Node => {
    const node = new plexus.Node({ host: "127.0.0.1", port: 0, ...options });
    nodes.push(node);
    node.connect({ host: remote.host, port: remote.port });
    return node;
  };

  beforeAll(async () => {
    // Every option of node.md, with its documented default.
    seed = new plexus.Node({
      host: "127.0.0.1", port: 0, capacity: 160, peers: 20, refresh: 3_600_000, expire: 86_400_000,
      republish: 86_400_000, replicate: 3_600_000,
    });
    nodes.push(seed);
    await once(seed, "ready", deadline()); // "Emitted when the local node is ready."
    remote = { host: seed.self.host, port: seed.self.port };
    const others = Array.from({ length: 4 }, () => joined());
    await Promise.all(others.map((n) => once(n, "connected", deadline())));
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
  });

  it("node.self is the node's contact: a string id, host, port and name", () => {
    const self = seed.self;
    expect(self.id).toMatch(HEX_ID);
    expect(self.host).toBe("127.0.0.1");
    expect(self.port).toBeGreaterThan(0);
    expect(self.name).toBe(`127.0.0.1:${self.port}`); // contact.md: "IP:PORT"
    expect(Object.isFrozen(self)).toBe(true);
  });

  it("connect({ host, port }) emits 'connected' with the remote contact, on the node and on what it returns", async () => {
    const node = new plexus.Node({ host: "127.0.0.1", port: 0 });
    nodes.push(node);
    const onNode = once(node, "connected", deadline());
    const handshake = node.connect({ host: remote.host, port: remote.port });
    const [contact] = await once(handshake, "connected", deadline());
    expect(contact).toEqual(seed.self);
    expect((await onNode)[0]).toEqual(seed.self);
    await handshake; // and awaitable, as the promise API
  });

  it("connect() to a node that never answers emits 'timeout' on what it returns", async () => {
    const lonely = new plexus.Node({ host: "127.0.0.1", port: 0, joinAttempts: 1, requestTimeoutMs: 50, requestRetries: 0 });
    nodes.push(lonely);
    const dead = new plexus.Node({ host: "127.0.0.1", port: 0 });
    const { port } = await dead.ready;
    await dead.close();
    const handshake = lonely.connect({ host: "127.0.0.1", port });
    // (events.once would listen for "error" too, and an error listener does get the error.)
    await withDeadline(new Promise<void>((resolve) => handshake.once("timeout", () => resolve())), DEADLINE_MS, "timeout event");
    await expect(handshake).rejects.toMatchObject({ code: "ERR_JOIN_FAILED" });
  });

  it("store then find, right after connect: 'found' with the item, its publisher included", async () => {
    const node = joined(); // connect() not awaited, as in the Quick Start
    const item = node.store({ key: "docs/key", value: { hello: "world" }, republish: true });
    expect(item).toMatchObject({ key: "docs/key", value: { hello: "world" }, publisher: node.self.id });
    expect(item.timestamp).toBeGreaterThan(Date.UTC(2020, 0, 1));
    const lookup = node.find({ key: "docs/key" });
    const [result] = await once(lookup, "found", deadline());
    expect(result).toMatchObject({ key: "docs/key", value: { hello: "world" }, publisher: node.self.id });
    // From any other node too.
    const [again] = await once(seed.find({ key: item.key }), "found", deadline());
    expect(again.value).toEqual({ hello: "world" });
  });

  it("store without a key uses the hash of the value (a string)", async () => {
    const node = joined();
    const item = node.store({ value: "keyless" });
    expect(item.key).toMatch(HEX_ID);
    const [result] = await once(node.find({ key: item.key }), "found", deadline());
    expect(result.value).toBe("keyless");
  });

  it("find of an item nobody stored emits 'timeout'", async () => {
    const lookup = nodes[1]!.find({ key: "nobody stored this" });
    await once(lookup, "timeout", deadline());
  });

  it("find({ key, type: \"node\" }) emits 'found' with the node's contact", async () => {
    const target = nodes[2]!;
    const [contact] = await once(nodes[3]!.find({ key: target.self.id, type: "node" }), "found", deadline());
    expect(contact).toEqual(target.self);
    const missing = nodes[3]!.find({ key: "ab".repeat(32), type: "node" });
    await once(missing, "timeout", deadline());
  });

  it("broadcast({ data }) right after connect reaches the other nodes' 'broadcast' listeners", async () => {
    const heard = nodes.slice(0, 5).map((n) => once(n, "broadcast", deadline()));
    const node = joined();
    node.broadcast({ data: { text: "hello network" } });
    for (const [data] of await Promise.all(heard)) expect(data).toEqual({ text: "hello network" });
  });

  it("message({ message, id }) emits 'message' (message, sender) at that node; sender.id answers back", async () => {
    const alice = joined();
    const bob = nodes[1]!;
    bob.on("message", (message, sender) => {
      if (message === "ping") bob.message({ message: "pong", id: sender.id });
    });
    const back = once(alice, "message", deadline());
    alice.message({ message: "ping", id: bob.self.id });
    const [message, sender] = await back;
    expect(message).toBe("pong");
    expect(sender).toMatchObject({ id: bob.self.id, port: bob.self.port });
  });

  it("nodes given ids as names (id: \"alice\") join, and are reached by name", async () => {
    const alice = joined({ id: "alice" });
    const bob = joined({ id: "bob" });
    await Promise.all([once(alice, "connect", deadline()), once(bob, "connect", deadline())]);
    expect(alice.self.id).toMatch(HEX_ID); // the name stands for a key pair; the id is its hash, in hex
    const twin = new plexus.Node({ id: "alice", autoListen: false });
    nodes.push(twin);
    expect(twin.self.id).toBe(alice.self.id); // same name, same id
    const [contact] = await once(seed.find({ key: "bob", type: "node" }), "found", deadline());
    expect(contact).toEqual(bob.self);
    const heard = once(bob, "message", deadline());
    alice.message({ message: "hi bob", id: "bob" });
    const [message, sender] = await heard;
    expect(message).toBe("hi bob");
    expect(sender.id).toBe(alice.self.id);
  });

  it("maps the documented options onto the engine: peers is k, expire the items' lifetime", async () => {
    const node = joined({ peers: 8, expire: 60_000 });
    expect(node.engine.table.k).toBe(8);
    const item = node.store({ value: "short-lived" });
    const [found] = await once(node.find({ key: item.key }), "found", deadline());
    console.log(`expire 60000 ms: found with ${Math.round(found.ttlMs)} ms left`);
    expect(found.ttlMs).toBeLessThanOrEqual(60_000);
    expect(found.ttlMs).toBeGreaterThan(60_000 - DEADLINE_MS);
  });

  it("refuses option values the docs do not allow, with ERR_INVALID_ARGUMENT", () => {
    const bad: plexus.NodeOptions[] = [
      { peers: 0 }, { peers: 2.5 }, { capacity: 0 }, { capacity: 257 }, { refresh: -1 }, { expire: Number.NaN },
      { republish: 0 }, { replicate: Number.POSITIVE_INFINITY }, { peers: 8, k: 20 }, { expire: 1_000, defaultTtlMs: 2_000 },
    ];
    for (const options of bad) {
      expect(() => new plexus.Node({ ...options, autoListen: false }), JSON.stringify(options))
        .toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
    }
    expect(() => seed.find({ key: "k", type: "contact" as "node" })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
  });

  it("a call waiting for a join rejects with ERR_STOPPED when the node closes meanwhile", async () => {
    const dead = new plexus.Node({ host: "127.0.0.1", port: 0 });
    const { port } = await dead.ready;
    await dead.close();
    const node = new plexus.Node({ host: "127.0.0.1", port: 0, joinAttempts: 2, requestTimeoutMs: 100, requestRetries: 0 });
    node.connect({ host: "127.0.0.1", port });
    const item = node.store({ value: "never stored" });
    const sent = node.broadcast({ data: "never sent" });
    await node.close();
    await expect(item).rejects.toMatchObject({ code: "ERR_STOPPED" });
    await expect(sent).rejects.toMatchObject({ code: "ERR_STOPPED" });
  });

  it("the documented order needs no awaiting: a fresh node's calls all wait for its join", async () => {
    const node = new plexus.Node({ host: "127.0.0.1", port: 0 });
    nodes.push(node);
    const events: string[] = [];
    node.on("ready", () => events.push("ready"));
    node.on("connected", () => events.push("connected"));
    node.connect({ host: remote.host, port: remote.port });
    const item = node.store({ value: "in order" });
    const found = await withDeadline(node.find({ key: item.key }), DEADLINE_MS, "find");
    expect(found?.value).toBe("in order");
    expect(events).toEqual(["ready", "connected"]);
  });
});
