import { bytesEqual } from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { drain } from "../src/index.js";
import type { NodeInit, PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";
import type { Testnet } from "../src/testing/index.js";

interface Get { found: boolean; contacted: Contact[]; findValues: number; ms: number }

/** One get from `node`, with the contacts it asked, its FIND_VALUEs and its clock time. */
async function get(net: Testnet, node: PlexusNode, key: NodeId): Promise<Get> {
  const contacted: Contact[] = [];
  const sent = node.stats().sent.FIND_VALUE;
  const started = net.clock.now();
  const result = await net.settle(drain(node.get(key), (e) => { if (e.type === "contacted") contacted.push(e.contact); }));
  return { found: result.found, contacted, findValues: node.stats().sent.FIND_VALUE - sent, ms: net.clock.now() - started };
}

/** How many of the true 20 closest live nodes to `key` (the reader excluded) were asked. */
function trueAsked(net: Testnet, reader: PlexusNode, key: NodeId, asked: readonly Contact[]): number {
  const closest = net.trueClosest(key, 21).filter((id) => !bytesEqual(id, reader.id)).slice(0, 20);
  return closest.filter((id) => asked.some((c) => bytesEqual(c.id, id))).length;
}

async function repeatGets(seed: number, init: Partial<NodeInit>): Promise<{ cold: Get[]; warm: Get[]; net: Testnet; keys: NodeId[]; readers: PlexusNode[] }> {
  const net = await createTestnet({ size: 300, seed, identities: false, init });
  const cold: Get[] = [], warm: Get[] = [], keys: NodeId[] = [], readers: PlexusNode[] = [];
  for (let i = 0; i < 10; i++) {
    const key = net.random.bytes(32);
    await net.settle(net.nodes[net.random.int(300)]!.putValue(key, net.random.bytes(40), { republish: false }));
    const reader = net.nodes[net.random.int(300)]!;
    cold.push(await get(net, reader, key));
    warm.push(await get(net, reader, key));
    keys.push(key);
    readers.push(reader);
  }
  return { cold, warm, net, keys, readers };
}

const mean = (gets: readonly Get[], f: (g: Get) => number): number => gets.reduce((s, g) => s + f(g), 0) / gets.length;

describe("route cache", () => {
  it("seed 21: 300 nodes; a repeat get asks the replicas at once, hears as many of the true 20 closest, in fewer messages", async () => {
    const on = await repeatGets(21, {});
    const off = await repeatGets(21, { routeCache: { maxEntries: 0 } });
    for (const [name, run] of [["cache on", on], ["cache off", off]] as const) {
      console.log(`${name}: cold get ${mean(run.cold, (g) => g.findValues).toFixed(1)} FIND_VALUE ${mean(run.cold, (g) => g.ms).toFixed(0)} ms; `
        + `repeat get ${mean(run.warm, (g) => g.findValues).toFixed(1)} FIND_VALUE ${mean(run.warm, (g) => g.ms).toFixed(0)} ms (clock, means of 10)`);
    }
    for (const run of [on, off]) for (const g of [...run.cold, ...run.warm]) expect(g.found).toBe(true);
    // The cached start asks the replicas: every repeat get asked all of the true 20 closest (all are alive).
    on.warm.forEach((g, i) => expect(trueAsked(on.net, on.readers[i]!, on.keys[i]!, g.contacted)).toBe(20));
    expect(mean(on.warm, (g) => g.findValues)).toBeLessThan(mean(off.warm, (g) => g.findValues) * 0.8);
    expect(mean(on.warm, (g) => g.ms)).toBeLessThan(mean(off.warm, (g) => g.ms) * 0.8);
    for (const r of [on, off]) await r.net.stop();
  }, 600_000);

  it("seed 22: 300 nodes; with half the replicas dead, a cached get falls back and hears the true closest live nodes as a get without cache does", async () => {
    const runs = [await repeatGets(22, {}), await repeatGets(22, { routeCache: { maxEntries: 0 } })];
    const asked: number[][] = [];
    for (const { net, keys, readers } of runs) {
      // Kill 10 of the 20 closest to each of the first 3 keys (never a reader).
      for (let i = 0; i < 3; i++) {
        for (const id of net.trueClosest(keys[i]!, 20).filter((_, j) => j % 2 === 0)) {
          const node = net.live.find((n) => bytesEqual(n.id, id) && !readers.includes(n));
          if (node) await net.kill(node);
        }
      }
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const again = await get(net, readers[i]!, keys[i]!);
        expect(again.found).toBe(true);
        counts.push(trueAsked(net, readers[i]!, keys[i]!, again.contacted));
      }
      asked.push(counts);
    }
    console.log(`of the true 20 closest live, asked: cache on ${asked[0]!.join(", ")}; cache off ${asked[1]!.join(", ")}; `
      + `fallbacks ${runs[0]!.readers.slice(0, 3).map((r) => r.stats().routeFallbacks).join(", ")}`);
    asked[0]!.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(asked[1]![i]! - 1));
    for (const r of runs) await r.net.stop();
  }, 600_000);
});
