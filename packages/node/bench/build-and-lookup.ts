/**
 * Bench: builds a testnet by real joins, then measures lookups against the oracle and a
 * broadcast's coverage, on the built package (`@plexus/*` resolve to their dist; build first,
 * e.g. `pnpm turbo run build --filter=@plexus/node...`). Usage (from the repo root):
 *   node --max-semi-space-size=32 --import tsx packages/node/bench/build-and-lookup.ts SIZE [LOOKUPS] [SEED]
 *   (or `pnpm --filter @plexus/node bench SIZE LOOKUPS`; `pnpm bench` at the root builds first)
 */
import { bytesEqual } from "@plexus/core";
import { createTestnet, ids } from "@plexus/node/testing";
import type { PlexusNode } from "@plexus/node";

const size = Number(process.argv[2] ?? 1000);
const lookups = Number(process.argv[3] ?? 200);
const seed = Number(process.argv[4] ?? 1);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const net = await createTestnet({ size, seed });
const buildMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const built = net.network.stats().sent;
console.log(`build ${size}: ${buildMs.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms cpu, ` +
  `${(built / size).toFixed(1)} datagrams/join, ${(((cpu.user + cpu.system)) / built).toFixed(1)} µs cpu/datagram, ` +
  `mean table ${(net.nodes.reduce((s, n) => s + n.stats().tableSize, 0) / size).toFixed(1)}`);

const byType: Record<string, number> = {};
for (const n of net.nodes) for (const [t, v] of Object.entries(n.stats().sent)) byType[t] = (byType[t] ?? 0) + v / size;
console.log("sent per join by type:", Object.entries(byType).filter(([, v]) => v > 0).map(([t, v]) => `${t} ${v.toFixed(1)}`).join(", "));
let rounds = 0, msgCount = 0, netCount = 0, exact = 0, found20 = 0;
const roundList: number[] = [];
const sentByType = (): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const n of net.nodes) for (const [t, v] of Object.entries(n.stats().sent)) out[t] = (out[t] ?? 0) + v;
  return out;
};
const lookupSent0 = sentByType();
const t1 = performance.now();
const hex = (id: Uint8Array): string => Buffer.from(id).toString("hex");
for (let i = 0; i < lookups; i++) {
  const from = net.nodes[net.random.int(net.nodes.length)]!;
  const target = net.random.bytes(32);
  const before = from.stats().sent.FIND_NODE;
  const netBefore = net.network.stats().sent;
  // Rounds = the longest chain of "answered" hops that led to a contact (depth 1 = from the table).
  let maxDepth = 0;
  const depth = new Map<string, number>();
  const run = async (): Promise<Uint8Array[]> => {
    const it = from.lookup(target);
    for (;;) {
      const r = await it.next();
      if (r.done) return ids(r.value.closest);
      const e = r.value;
      if (e.type === "answered") {
        const d = (depth.get(hex(e.contact.id)) ?? 0) + 1;
        maxDepth = Math.max(maxDepth, d);
        for (const c of e.contacts) if (!depth.has(hex(c.id))) depth.set(hex(c.id), d);
      }
    }
  };
  const closest = await net.settle(run());
  msgCount += from.stats().sent.FIND_NODE - before;
  netCount += net.network.stats().sent - netBefore;
  rounds += maxDepth;
  roundList.push(maxDepth);
  const truth = net.trueClosest(target, 20);
  if (closest[0] && bytesEqual(closest[0], truth[0]!)) exact++;
  let hit = 0;
  for (const t of truth) if (closest.some((c) => bytesEqual(c, t))) hit++;
  found20 += hit / truth.length;
}
roundList.sort((a, b) => a - b);
console.log(`lookups ${lookups}: rounds mean ${(rounds / lookups).toFixed(2)} p95 ${roundList[Math.floor(lookups * 0.95)]}, ` +
  `FIND_NODEs/lookup ${(msgCount / lookups).toFixed(1)} (all datagrams ${(netCount / lookups).toFixed(1)}), exact ${(100 * exact / lookups).toFixed(1)}%, ` +
  `top20 ${(100 * found20 / lookups).toFixed(1)}%  (${(performance.now() - t1).toFixed(0)} ms)`);

const lookupSent1 = sentByType();
console.log("sent per lookup by type:", Object.entries(lookupSent1).map(([t, v]) => [t, (v - (lookupSent0[t] ?? 0)) / lookups] as const)
  .filter(([, v]) => v > 0).map(([t, v]) => `${t} ${v.toFixed(1)}`).join(", "));

async function coverage(label: string): Promise<void> {
  const live = net.live;
  const got = new Set<PlexusNode>();
  const handlers = live.map((n) => { const h = (): void => { got.add(n); }; n.on("broadcast", h); return [n, h] as const; });
  const before = net.network.stats().sent;
  const origin = live[net.random.int(live.length)]!;
  got.add(origin);
  await net.settle(origin.broadcast(new TextEncoder().encode(label)));
  await net.run(30_000);
  const sent = net.network.stats().sent - before;
  for (const [n, h] of handlers) n.off("broadcast", h);
  console.log(`broadcast ${label}: coverage ${(100 * got.size / live.length).toFixed(2)}%, ${(sent / live.length).toFixed(2)} msgs/node`);
}
await coverage("lossless");
await net.kill(0.3);
await coverage("30%-dead");
await net.stop();
