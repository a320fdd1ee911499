/**
 * Codec benchmark against the BUILT package (dist/, as users run it): encode and decode
 * rates and sizes for PING, FIND_NODE and NODES replies with 20 contacts, for Plexus (with
 * validation), plain msgpackr and JSON. `pnpm bench` builds first.
 *
 * Side by side with the previous code in one run: `pnpm bench --baseline <dir>/dist/index.js`
 * loads an older build as well and interleaves them, round by round (`--baseline` may be
 * given more than once).
 *
 * Each cell is the best of ROUNDS rounds of about ROUND_MS each, timed in process CPU time
 * (`process.cpuUsage`), so other processes on a shared machine disturb it less than wall time.
 */
import { fromHex, toHex, type Contact } from "@plexus/core";
import { Packr } from "msgpackr";

const ROUNDS = 7;
const ROUND_MS = 100;
const WARMUP_MS = 100;

interface Msg {
  readonly type: string;
  readonly rid: number;
  readonly sender: Uint8Array;
}
/** One side of a row: turns a message into bytes (or text) and back. */
interface Impl {
  readonly name: string;
  encode(m: Msg): Uint8Array | string;
  decode(wire: Uint8Array | string): unknown;
  size(wire: Uint8Array | string): number;
}
/** The part of a built @plexus/wire this bench uses: `createCodec` now, module functions before. */
interface WireBuild {
  createCodec?: () => { encode(m: Msg): Uint8Array; decode(b: Uint8Array): unknown };
  encode?: (m: Msg) => Uint8Array;
  decode?: (b: Uint8Array) => unknown;
}

function plexusImpl(name: string, build: WireBuild): Impl {
  const codec = build.createCodec?.() ?? { encode: build.encode!, decode: build.decode! };
  return {
    name,
    encode: (m) => codec.encode(m),
    decode: (w) => codec.decode(w as Uint8Array),
    size: (w) => (w as Uint8Array).length,
  };
}

const id = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
const contacts = (v6: boolean): Contact[] =>
  Array.from({ length: 20 }, (_, i) => ({
    id: id(i + 1),
    host: v6 ? `2001:db8::${(i + 1).toString(16)}:1` : `203.0.113.${i + 1}`,
    port: 40000 + i,
  }));
const messages: Array<[string, Msg]> = [
  ["PING", { type: "PING", rid: 0x1234_5678, sender: id(0xee) }],
  ["FIND_NODE", { type: "FIND_NODE", rid: 0x1234_5678, sender: id(0xee), target: id(0x77) } as Msg],
  ["NODES, 20 IPv4 contacts", { type: "NODES", rid: 0x1234_5678, sender: id(0xee), contacts: contacts(false) } as Msg],
  ["NODES, 20 IPv6 contacts", { type: "NODES", rid: 0x1234_5678, sender: id(0xee), contacts: contacts(true) } as Msg],
];

const plain = new Packr({ useRecords: false });
const BYTE_FIELDS = new Set(["sender", "target", "id"]);
const utf8 = new TextEncoder();
const references: Impl[] = [
  {
    name: "msgpackr pack / unpack (same object, no validation)",
    encode: (m) => plain.pack(m),
    decode: (w) => plain.unpack(w as Uint8Array),
    size: (w) => (w as Uint8Array).length,
  },
  {
    name: "JSON stringify / parse (bytes as hex)",
    encode: (m) => JSON.stringify(m, (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v)),
    decode: (w) => JSON.parse(w as string, (k, v: unknown) => (BYTE_FIELDS.has(k) && typeof v === "string" ? fromHex(v) : v)),
    size: (w) => utf8.encode(w as string).length,
  },
];

let sink = 0;
/** Operations per CPU second of `fn`, over about `ms` of CPU time. */
function cpuRate(fn: () => unknown, ms: number): number {
  const start = process.cpuUsage();
  const used = (): number => {
    const d = process.cpuUsage(start);
    return (d.user + d.system) / 1000;
  };
  let ops = 0;
  let batch = 16;
  while (used() < ms) {
    for (let i = 0; i < batch; i++) if (fn() !== undefined) sink++;
    ops += batch;
    if (batch < 4096) batch *= 2;
  }
  return ops / (used() / 1000);
}

/** Best rate of each function over ROUNDS interleaved rounds (so load spikes hit all alike). */
function bestOf(fns: ReadonlyArray<() => unknown>): number[] {
  for (const fn of fns) cpuRate(fn, WARMUP_MS);
  const best = fns.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) {
    fns.forEach((fn, i) => {
      best[i] = Math.max(best[i]!, cpuRate(fn, ROUND_MS));
    });
  }
  return best;
}

/** Every path given as `--baseline <path>`, in order. */
function baselinePaths(): string[] {
  const paths: string[] = [];
  process.argv.forEach((arg, i) => {
    const path = process.argv[i + 1];
    if (arg === "--baseline" && path !== undefined) paths.push(path);
  });
  return paths;
}

const current = (await import("@plexus/wire")) as WireBuild;
const impls: Impl[] = [plexusImpl("Plexus, this build (validated)", current)];
for (const baseline of baselinePaths()) {
  const url = new URL(baseline, `file://${process.cwd()}/`).href;
  impls.push(plexusImpl(`Plexus, baseline ${baseline} (validated)`, (await import(url)) as WireBuild));
}
impls.push(...references);

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
const rows: string[] = [];
for (const [label, message] of messages) {
  const wires = impls.map((impl) => impl.encode(message));
  const enc = bestOf(impls.map((impl) => () => impl.encode(message)));
  const dec = bestOf(impls.map((impl, i) => () => impl.decode(wires[i]!)));
  impls.forEach((impl, i) => {
    rows.push(`| ${label} | ${impl.name} | ${fmt(enc[i]!)} | ${fmt(dec[i]!)} | ${impl.size(wires[i]!)} |`);
  });
}
console.log(`Plexus wire codec benchmark (node ${process.version}; best of ${ROUNDS} rounds of ${ROUND_MS} ms CPU time)\n`);
console.log("| message | codec | encode ops/s | decode ops/s | bytes |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
console.log(
  "\nJSON bytes are hex strings (converted back to Uint8Array by a reviver); msgpackr packs the" +
    "\nmessage object as a map with string keys; Plexus packs the positional envelope and" +
    "\nvalidates every field on decode (contacts: IP bytes <-> text). Sink: " + (sink > 0 ? "ok" : "0"),
);
