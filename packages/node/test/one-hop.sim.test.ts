import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { describe, expect, it } from "vitest";
import type { NodeInit, PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";

interface Cost { found: number; findValues: number; getMs: number; findNodes: number; putMs: number; fullTable: number; pings: number }

/** 10 puts and 30 gets (never repeated by one node, so no route cache hit) on 100 nodes at a 30 ms link latency. */
async function measure(seed: number, init: Partial<NodeInit>): Promise<Cost> {
  const net = await createTestnet({ size: 100, seed, identities: false, latency: { minMs: 30, maxMs: 30 }, init });
  // Every node looks up a few random ids, as bucket refresh would over time.
  await net.settle(Promise.all(net.nodes.map(async (node) => { for (let i = 0; i < 3; i++) await node.findNode(net.random.bytes(32)); })));
  const cost: Cost = { found: 0, findValues: 0, getMs: 0, findNodes: 0, putMs: 0, fullTable: 0, pings: 0 };
  const items: { key: NodeId; value: Uint8Array }[] = [];
  const pick = (): PlexusNode => net.nodes[net.random.int(net.nodes.length)]!;
  for (let i = 0; i < 10; i++) {
    const item = { key: net.random.bytes(32), value: net.random.bytes(40) };
    items.push(item);
    const node = pick();
    const [sent, started] = [node.stats().sent.FIND_NODE, net.clock.now()];
    await net.settle(node.putValue(item.key, item.value, { republish: false }));
    cost.findNodes += (node.stats().sent.FIND_NODE - sent) / 10;
    cost.putMs += (net.clock.now() - started) / 10;
  }
  for (let i = 0; i < 30; i++) {
    const item = items[i % items.length]!;
    const node = pick();
    const [sent, started] = [node.stats().sent.FIND_VALUE, net.clock.now()];
    const value = await net.settle(node.getValue(item.key));
    cost.findValues += (node.stats().sent.FIND_VALUE - sent) / 30;
    cost.getMs += (net.clock.now() - started) / 30;
    if (value && bytesEqual(value, item.value)) cost.found++;
  }
  cost.fullTable = net.nodes.reduce((s, n) => s + n.stats().fullTableSize, 0) / net.nodes.length;
  cost.pings = net.nodes.reduce((s, n) => s + n.stats().sent.PING, 0) / net.nodes.length;
  await net.stop();
  return cost;
}

describe("one-hop mode", () => {
  it("seed 31: 100 nodes, 60 ms round trips; a get is one round trip to the replicas, a put two", async () => {
    const on = await measure(31, { oneHop: {} });
    const off = await measure(31, {});
    for (const [name, c] of [["one-hop", on], ["default", off]] as const) {
      console.log(`${name}: full table ${c.fullTable.toFixed(1)} nodes, ${c.pings.toFixed(1)} PINGs sent per node; get ${c.findValues.toFixed(1)} FIND_VALUE ${c.getMs.toFixed(0)} ms; `
        + `put ${c.findNodes.toFixed(1)} FIND_NODE ${c.putMs.toFixed(0)} ms (clock, means); found ${c.found}/30`);
    }
    expect(on.found).toBe(30);
    expect(off.found).toBe(30);
    // The join's sweep of the id space fills the full tables: every node knows (almost) every other.
    expect(on.fullTable).toBeGreaterThanOrEqual(97);
    expect(on.getMs).toBeLessThan(1.5 * 60);
    expect(on.putMs).toBeLessThan(2.5 * 60);
    // A quorum read still hears the k (20) replicas: fewer requests, not fewer than k.
    expect(on.findValues).toBeLessThan(off.findValues * 0.8);
  }, 600_000);
});
