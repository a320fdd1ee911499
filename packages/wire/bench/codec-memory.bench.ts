/**
 * Memory per codec, against the BUILT package (dist/, as users run it): each node of a
 * simulation owns a codec, so 10,000 nodes hold 10,000 of them. Builds `--count` codecs
 * (default 10,000), has each encode and decode a PING and a NODES reply with 20 contacts
 * (as a node would, so that lazily built state is counted), and reports the growth of the
 * V8 heap and of the memory outside it (typed array stores), per codec, after full GCs.
 *
 * Build first (`pnpm bench` does), then:
 *   node --expose-gc --import tsx bench/codec-memory.bench.ts [--count n] [--baseline <dir>/dist/index.js]...
 * Each build is measured in a process of its own: `--baseline` re-runs this file.
 */
import { execFileSync } from "node:child_process";

interface Msg {
  readonly type: string;
  readonly rid: number;
  readonly sender: Uint8Array;
}
interface WireBuild {
  createCodec?: () => { encode(m: Msg): Uint8Array; decode(b: Uint8Array): unknown };
}

function option(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, i) => {
    const value = process.argv[i + 1];
    if (arg === name && value !== undefined) values.push(value);
  });
  return values;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");
const count = Number(option("--count")[0] ?? 10_000);
const target = option("--measure")[0];

/** Heap and off-heap bytes in use after two full GCs. */
function inUse(): { heap: number; outside: number } {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, outside: m.external + m.arrayBuffers };
}

async function measure(path: string | undefined): Promise<void> {
  const build = (await (path === undefined ? import("@plexus/wire") : import(new URL(path, `file://${process.cwd()}/`).href))) as WireBuild;
  if (build.createCodec === undefined) throw new Error(`${path ?? "@plexus/wire"} has no createCodec`);
  const id = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
  const messages: Msg[] = [
    { type: "PING", rid: 1, sender: id(1) },
    { type: "NODES", rid: 2, sender: id(2), contacts: Array.from({ length: 20 }, (_, i) => ({ id: id(i), host: `10.0.0.${i}`, port: 4000 + i })) } as Msg,
  ];
  const codecs: unknown[] = [];
  const before = inUse();
  for (let i = 0; i < count; i++) {
    const codec = build.createCodec();
    for (const m of messages) codec.decode(codec.encode(m));
    codecs.push(codec);
  }
  const after = inUse();
  const per = (n: number): string => Math.round(n / codecs.length).toLocaleString("en-US");
  console.log(`| ${path ?? "this build"} | ${count.toLocaleString("en-US")} | ${per(after.heap - before.heap)} | ${per(after.outside - before.outside)} |`);
}

if (target !== undefined) {
  await measure(target === "current" ? undefined : target);
} else {
  console.log(`Plexus codec memory (node ${process.version}; bytes per codec after full GCs)\n`);
  console.log("| build | codecs | V8 heap | outside the heap |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const build of ["current", ...option("--baseline")]) {
    // One process per build: the heap of one must not hold the other's modules and garbage.
    const args = [...process.execArgv, process.argv[1]!, "--measure", build, "--count", String(count)];
    process.stdout.write(execFileSync(process.execPath, args, { encoding: "utf8" }));
  }
}
