import type { Address } from "@plexus/core";
import { createTestnet, settleOn } from "@plexus/node/testing";
import type { Testnet } from "@plexus/node/testing";
import { createCodec } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { createRealtime, realtimeMessages } from "../src/index.js";
import type { Realtime, RealtimeInit } from "../src/index.js";

const { decode, encode } = createCodec({ messages: realtimeMessages });

type MemoryTransport = ReturnType<Testnet["network"]["createTransport"]>;

/** A raw subscriber at `host` that counts SUBSCRIBED and ERROR replies. */
interface Writer {
  readonly transport: MemoryTransport;
  ok: number;
  refused: number;
  /** The address token the rendezvous gave (docs/protocol.md 10.6). */
  token: Uint8Array | undefined;
}

/** A rendezvous (a one-node testnet), 200 flooding addresses in 198.19.7.0/24 and one honest writer in each of 16 other /24s. */
async function setup(seed: number, init: RealtimeInit) {
  let realtime: Realtime | undefined;
  // The request budget is off so that the flood reaches the rendezvous at full speed.
  const net = await createTestnet({
    size: 1, seed, latency: { minMs: 5, maxMs: 5 },
    init: { maxRequestsPerSubnetPerSecond: Infinity, maxReplyBytesPerSubnetPerSecond: Infinity },
    setup: (n) => { realtime = createRealtime(n, init); },
  });
  const { clock, network, random } = net;
  const node = net.nodes[0]!;
  const writer = async (host: string): Promise<Writer> => {
    const w: Writer = { transport: network.createTransport({ host, port: 5000 }), ok: 0, refused: 0, token: undefined };
    w.transport.onDatagram((data) => {
      const m = decode(data);
      if (m.type === "NODES") w.token = m.token;
      else if (m.type === "SUBSCRIBED") w.ok++;
      else if (m.type === "ERROR") w.refused++;
    });
    await settleOn(clock, w.transport.start(), 60_000);
    // Proves its address first, as a real subscriber does (a FIND_NODE brings the address
    // token, a PING presents it): a SUBSCRIBE is taken only from a proven address.
    w.transport.send(node.address!, encode({ type: "FIND_NODE", rid: 0, sender: random.bytes(32), target: random.bytes(32) }));
    await clock.advanceAsync(20);
    w.transport.send(node.address!, encode({ type: "PING", rid: 0, sender: random.bytes(32), token: w.token! }));
    await clock.advanceAsync(20);
    return w;
  };
  const flood: Writer[] = [];
  for (let i = 1; i <= 200; i++) flood.push(await writer(`198.19.7.${i}`));
  const honest: Writer[] = [];
  for (let i = 0; i < 16; i++) honest.push(await writer(`198.18.${10 + i}.1`));
  const to: Address = node.address!;
  let rid = 1;
  const subscribe = (w: Writer, topic: Uint8Array): void => {
    w.transport.send(to, encode({ type: "SUBSCRIBE", rid: rid++, sender: random.bytes(32), topic, ttlMs: 600_000, rendezvous: [] }));
  };
  return { clock, random, node, realtime: realtime!, flood, honest, subscribe };
}

const sum = (ws: readonly Writer[], f: (w: Writer) => number): number => ws.reduce((n, w) => n + f(w), 0);

describe("subscribe shares per subnet (seed 17)", () => {
  it("a SUBSCRIBE flood from one /24 holds at most its share; honest SUBSCRIBEs from other /24s succeed", async () => {
    const { clock, random, node, realtime, flood, honest, subscribe } = await setup(17, {});
    const popular = random.bytes(32).slice();
    // The popular topic exists before the flood (a topic counts against the subnet that
    // created it; one the flood created first would go when the flood's topics are evicted).
    subscribe(honest[0]!, popular);
    await clock.advanceAsync(100);
    // 60 rounds of 100 ms. Each round the flood sends 100 SUBSCRIBEs for new topics and 50
    // for the popular topic (9,000 in all, from 200 addresses); each honest /24 subscribes
    // to one new topic and, in the first 10 rounds, once to the popular topic.
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < 150; i++) subscribe(flood[(round * 150 + i) % flood.length]!, i < 100 ? random.bytes(32).slice() : popular);
      for (const w of honest) {
        subscribe(w, random.bytes(32).slice());
        if (round < 10) subscribe(w, popular);
      }
      await clock.advanceAsync(100);
    }
    await clock.advanceAsync(1000);
    const honestTotal = 16 * 70 + 1, honestOk = sum(honest, (w) => w.ok);
    const stats = realtime.stats();
    console.log(`SUBSCRIBE flood, 9,000 from 200 ids in one /24 (6,000 new topics, 3,000 to one popular topic) ` +
      `vs 16 honest /24s x 70 (+1): honest ${honestOk}/${honestTotal} SUBSCRIBED ` +
      `(${(100 * honestOk / honestTotal).toFixed(1)} %); flood ${sum(flood, (w) => w.ok)} SUBSCRIBED, ` +
      `${sum(flood, (w) => w.refused)} BUSY; subscribesOverShare ${stats.subscribesOverShare}, ` +
      `topicsEvicted ${stats.topicsEvicted}, subscribersEvicted ${stats.subscribersEvicted}`);
    expect(honestOk).toBe(honestTotal);
    expect(sum(honest, (w) => w.refused)).toBe(0);
    // At most 128 topics plus 32 subscribers of the popular topic, and what eviction took back.
    expect(sum(flood, (w) => w.ok)).toBeLessThanOrEqual(128 + 32 + stats.topicsEvicted + stats.subscribersEvicted);
    expect(stats.topicsEvicted).toBeGreaterThan(0);
    await settleOn(clock, node.stop(), 60_000);
  });

  it("control: without shares (maxSubscribeSharePerSubnet: Infinity) the flood holds the table", async () => {
    const { clock, random, node, realtime, flood, honest, subscribe } = await setup(17, { maxSubscribeSharePerSubnet: Infinity });
    for (let i = 0; i < 2048; i++) subscribe(flood[i % flood.length]!, random.bytes(32).slice());
    await clock.advanceAsync(1000);
    for (const w of honest) for (let i = 0; i < 10; i++) subscribe(w, random.bytes(32).slice());
    await clock.advanceAsync(1000);
    const stats = realtime.stats();
    console.log(`control without shares: flood ${sum(flood, (w) => w.ok)} of 2,048 SUBSCRIBED; honest ` +
      `${sum(honest, (w) => w.ok)}/160 (each evicting a flood topic: topicsEvicted ${stats.topicsEvicted}); ` +
      `the flood still holds ${1024 - 160} of 1,024 topics`);
    expect(sum(flood, (w) => w.ok)).toBe(2048);
    expect(sum(honest, (w) => w.ok)).toBe(160);
    await settleOn(clock, node.stop(), 60_000);
  });
});
