import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { identityFromSeed, sha256, signMutableRecord } from "../src/index.js";
import type { NodeInit, PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";

type Kind = "content" | "signed" | "plain";

interface Cost { ok: number; gets: number; findValues: number; getMs: number; puts: number; findNodes: number; putMs: number }

/**
 * What the read defences cost where nobody attacks: 500 honest nodes, 20 puts and 60 gets
 * per kind of key, from random nodes; requests sent by the node that asks, and clock time.
 */
async function measure(seed: number, init: Partial<NodeInit>): Promise<Map<Kind, Cost>> {
  const net = await createTestnet({ size: 500, seed, init });
  const { random } = net;
  const pick = (): PlexusNode => net.nodes[random.int(net.nodes.length)]!;
  const costs = new Map<Kind, Cost>();
  for (const kind of ["content", "signed", "plain"] as const) {
    const cost: Cost = { ok: 0, gets: 0, findValues: 0, getMs: 0, puts: 0, findNodes: 0, putMs: 0 };
    costs.set(kind, cost);
    const items: { key: NodeId; value: Uint8Array }[] = [];
    for (let i = 0; i < 20; i++) {
      let key: NodeId, value: Uint8Array;
      if (kind === "content") key = sha256(value = random.bytes(100));
      else if (kind === "plain") [key, value] = [random.bytes(32), random.bytes(100)];
      else {
        const record = signMutableRecord(identityFromSeed(random.bytes(32)), { value: random.bytes(60), seq: 1 });
        [key, value] = [record.key, record.bytes];
      }
      items.push({ key, value });
      const publisher = pick();
      const sent = publisher.stats().sent.FIND_NODE;
      const started = net.clock.now();
      await net.settle(publisher.putValue(key, value, { republish: false }));
      cost.putMs += net.clock.now() - started;
      cost.findNodes += publisher.stats().sent.FIND_NODE - sent;
      cost.puts++;
    }
    for (let g = 0; g < 60; g++) {
      const item = items[g % items.length]!;
      const reader = pick();
      const sent = reader.stats().sent.FIND_VALUE;
      const started = net.clock.now();
      const got = await net.settle(reader.getValue(item.key));
      cost.getMs += net.clock.now() - started;
      cost.findValues += reader.stats().sent.FIND_VALUE - sent;
      cost.gets++;
      if (got && bytesEqual(got, item.value)) cost.ok++;
    }
  }
  await net.stop();
  return costs;
}

function report(title: string, costs: Map<Kind, Cost>): void {
  const lines = [...costs].map(([kind, c]) => `  ${kind.padEnd(8)} found ${c.ok}/${c.gets}; get ${(c.findValues / c.gets).toFixed(1)} FIND_VALUE, `
    + `${Math.round(c.getMs / c.gets)} ms; put ${(c.findNodes / c.puts).toFixed(1)} FIND_NODE, ${Math.round(c.putMs / c.puts)} ms (clock, means)`);
  console.log(`${title}\n${lines.join("\n")}`);
}

describe("what the read defences cost without an attack", () => {
  it("seed 2: 500 nodes; a content-addressed get costs about what it did, a plain get runs its lookup out", async () => {
    const defaults = await measure(2, {});
    report("defaults (readQuorum, 3 disjoint paths):", defaults);
    const onePath = await measure(2, { disjointPaths: 1 });
    report("readQuorum, 1 path:", onePath);
    const before = await measure(2, { disjointPaths: 1, readQuorum: false });
    report("first value, 1 path (the walk before):", before);
    for (const costs of [defaults, onePath, before]) for (const c of costs.values()) expect(c.ok).toBe(c.gets);
    const perGet = (costs: Map<Kind, Cost>, kind: Kind): number => costs.get(kind)!.findValues / costs.get(kind)!.gets;
    // The common case stays cheap: a content-addressed get stops at the first verified value.
    expect(perGet(onePath, "content")).toBeLessThanOrEqual(perGet(before, "content") * 1.5);
    // A plain get hears the k closest: it pays for the rest of its lookup.
    expect(perGet(onePath, "plain")).toBeGreaterThan(perGet(before, "plain"));
  }, 600_000);
});
