/**
 * `pnpm bench`: the facade over real UDP on 127.0.0.1, 50 and 200 nodes in one process.
 * Join time; store / find / node lookup / missing-key latency; broadcast time and cost;
 * peak RSS; then one node's FIND_NODE serving rate against a raw echo server.
 * Prints markdown tables. Bounded: every wait has a deadline; ~30-60 s in total.
 */
import { randomBytes } from "node:crypto";
import { bytesEqual } from "@plexus/core";
import { createCodec } from "@plexus/wire";
import { decodeValue } from "plexus";
import type { Node } from "plexus";
import { broadcastToAll, percentile, pick, pickOther, startMesh, timed, withDeadline } from "../support/mesh.js";
import { markdownTable, ms } from "../support/table.js";
import { measureServingRate, startEchoServer } from "./serving-rate.js";

/** A codec of its own, for hand-made datagrams. */
const { encode, tryDecode } = createCodec();

const SIZES = [50, 200];
const OPS = 200;
const LOOKUPS = 100;
const MISSING = 20;
const DEADLINE_MS = 5_000;

interface MeshResult {
  size: number;
  joinMs: number;
  store: number[];
  storeOk: number;
  find: number[];
  findOk: number;
  findLocal: number;
  nodeLookup: number[];
  nodeLookupExact: number;
  missing: number[];
  broadcastMs: number;
  broadcastReached: number;
  broadcastDatagramsPerNode: number;
  broadcastMessagesPerNode: number;
  datagramsPerNode: number;
  serving?: { node: number; echo: number };
}

/** Drains the engine's get to see whether the value came from the reader's own store. */
async function find(node: Node, key: Uint8Array): Promise<{ value: unknown; local: boolean }> {
  const gen = node.engine.get(key, { signal: AbortSignal.timeout(DEADLINE_MS) });
  let step = await gen.next();
  while (!step.done) step = await gen.next();
  const result = step.value;
  return result.found ? { value: decodeValue(result.value), local: result.from === undefined } : { value: undefined, local: false };
}

const sum = (nodes: readonly Node[], f: (n: Node) => number): number => nodes.reduce((a, n) => a + f(n), 0);

async function benchMesh(size: number, serving: boolean): Promise<MeshResult> {
  const mesh = await startMesh({ size });
  const { nodes } = mesh;
  try {
    const r: MeshResult = { size, joinMs: mesh.joinMs, store: [], storeOk: 0, find: [], findOk: 0, findLocal: 0,
      nodeLookup: [], nodeLookupExact: 0, missing: [], broadcastMs: Number.NaN, broadcastReached: 0,
      broadcastDatagramsPerNode: Number.NaN, broadcastMessagesPerNode: Number.NaN, datagramsPerNode: 0 };
    for (let i = 0; i < OPS; i++) {
      const writer = pick(nodes);
      const value = `bench value ${i} ${size}`;
      try {
        const put = await timed(() => withDeadline(writer.put(undefined, value), DEADLINE_MS, "put"));
        r.store.push(put.ms);
        if (put.value.stored > 0 || put.value.local) r.storeOk++;
        const got = await timed(() => find(pickOther(nodes, writer), put.value.key));
        r.find.push(got.ms);
        if (got.value.value === value) r.findOk++;
        if (got.value.local) r.findLocal++;
      } catch {
        // a failure: counted by the success rates
      }
    }
    for (let i = 0; i < LOOKUPS; i++) {
      const asker = pick(nodes);
      const target = pickOther(nodes, asker);
      const t = await timed(() => withDeadline(asker.findNode(target.id), DEADLINE_MS, "findNode")).catch(() => undefined);
      if (t === undefined) continue;
      r.nodeLookup.push(t.ms);
      if (t.value[0] !== undefined && bytesEqual(t.value[0].id, target.id)) r.nodeLookupExact++;
    }
    for (let i = 0; i < MISSING; i++) {
      const t = await timed(() => withDeadline(pick(nodes).get(new Uint8Array(randomBytes(32))), DEADLINE_MS, "get"));
      if (t.value === undefined) r.missing.push(t.ms);
    }
    const datagramsBefore = sum(nodes, (n) => n.stats().transport.datagramsSent);
    const broadcastsBefore = sum(nodes, (n) => n.stats().sent.BROADCAST);
    const origin = pick(nodes);
    const out = await broadcastToAll(nodes, origin, `bench broadcast ${size}`, DEADLINE_MS).catch(() => undefined);
    out?.stop();
    if (out) {
      r.broadcastMs = out.ms;
      r.broadcastReached = out.reached;
      r.broadcastDatagramsPerNode = (sum(nodes, (n) => n.stats().transport.datagramsSent) - datagramsBefore) / size;
      r.broadcastMessagesPerNode = (sum(nodes, (n) => n.stats().sent.BROADCAST) - broadcastsBefore) / size;
    }
    r.datagramsPerNode = sum(nodes, (n) => n.stats().transport.datagramsSent) / size;
    if (serving) r.serving = await servingRates(pick(nodes));
    return r;
  } finally {
    await mesh.close();
  }
}

async function servingRates(node: Node): Promise<{ node: number; echo: number }> {
  const sender = new Uint8Array(randomBytes(32));
  const requests = Array.from({ length: 256 }, (_, i) =>
    encode({ type: "FIND_NODE", rid: i + 1, sender, target: new Uint8Array(randomBytes(32)) }));
  const isNodes = (msg: Buffer): boolean => {
    const decoded = tryDecode(new Uint8Array(msg));
    return decoded.ok && decoded.message.type === "NODES";
  };
  const limits = { requests, maxRequests: 30_000, maxMs: 3_000 };
  const plexus = await measureServingRate({ ...limits, port: node.address!.port, isAnswer: isNodes });
  const echo = await startEchoServer();
  try {
    const raw = await measureServingRate({ ...limits, port: echo.port });
    return { node: plexus.perSecond, echo: raw.perSecond };
  } finally {
    await echo.close();
  }
}

const p = (values: number[], q: number): string => ms(percentile(values, q));
const rate = (ok: number, of: number): string => `${((ok / Math.max(1, of)) * 100).toFixed(1)}% (${ok}/${of})`;
const verdict = (ok: boolean): string => (ok ? "met" : "MISSED");

const benchStarted = performance.now();
const results: MeshResult[] = [];
for (const size of SIZES) results.push(await benchMesh(size, size === SIZES[SIZES.length - 1]));
const maxRssMiB = process.resourceUsage().maxRSS / 1024;

const col = (f: (r: MeshResult) => string): string[] => results.map(f);
const rows: string[][] = [
  ["join (all nodes, 8 at a time)", ...col((r) => ms(r.joinMs)), ""],
  [`store success (${OPS})`, ...col((r) => rate(r.storeOk, OPS)), "100%"],
  ["store p50 / p95", ...col((r) => `${p(r.store, 50)} / ${p(r.store, 95)}`), ""],
  [`find success (${OPS}, other node)`, ...col((r) => rate(r.findOk, OPS)), "100%"],
  ["find p50 / p95", ...col((r) => `${p(r.find, 50)} / ${p(r.find, 95)}`), "p50 < 20 ms"],
  ["finds served from own store", ...col((r) => `${r.findLocal}/${OPS}`), ""],
  [`node lookup exact (${LOOKUPS})`, ...col((r) => rate(r.nodeLookupExact, LOOKUPS)), "100%"],
  ["node lookup p50 / p95", ...col((r) => `${p(r.nodeLookup, 50)} / ${p(r.nodeLookup, 95)}`), ""],
  [`missing key p50 / p95 (${MISSING})`, ...col((r) => `${p(r.missing, 50)} / ${p(r.missing, 95)}`), "< 50 ms"],
  ["broadcast to every node", ...col((r) => `${ms(r.broadcastMs)} (${r.broadcastReached}/${r.size - 1})`), "< 100 ms at 200"],
  ["broadcast datagrams per node", ...col((r) => `${r.broadcastDatagramsPerNode.toFixed(1)} (${r.broadcastMessagesPerNode.toFixed(1)} BROADCAST)`), ""],
  ["datagrams sent per node (whole run)", ...col((r) => r.datagramsPerNode.toFixed(0)), ""],
];
console.log(`\n## plexus mesh over UDP on 127.0.0.1 (Node ${process.version}, ${Math.round(performance.now() - benchStarted)} ms)\n`);
console.log(markdownTable(["metric", ...results.map((r) => `${r.size} nodes`), "target"], rows));

const last = results[results.length - 1]!;
const allOk = results.every((r) => r.storeOk === OPS && r.findOk === OPS && r.nodeLookupExact === LOOKUPS
  && r.broadcastReached === r.size - 1 && r.missing.length === MISSING);
console.log(`\n${markdownTable(["target", "result"], [
  ["100% success (store, find, node lookup, broadcast)", verdict(allOk)],
  ["find p50 < 20 ms", verdict(results.every((r) => percentile(r.find, 50) < 20))],
  ["missing key < 50 ms (p50)", verdict(results.every((r) => percentile(r.missing, 50) < 50))],
  ["broadcast to 200 nodes < 100 ms", verdict(last.broadcastMs < 100)],
])}`);
if (last.serving) {
  console.log(`\n${markdownTable(["FIND_NODE serving (one node, closed loop, client in-process)", "requests/s"], [
    [`plexus node in the ${last.size}-node mesh (FIND_NODE -> NODES)`, last.serving.node.toFixed(0)],
    ["raw dgram echo server, same method", last.serving.echo.toFixed(0)],
  ])}`);
}
console.log(`\npeak RSS: ${maxRssMiB.toFixed(0)} MiB (process.resourceUsage().maxRSS, all ${SIZES.join(" + ")} nodes in one process)`);
