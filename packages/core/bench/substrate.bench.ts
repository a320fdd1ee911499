/**
 * Micro-benchmark of the simulation substrate in core: `RoutingTable.closest` (k = 20, the
 * FIND_NODE handler's call, with its exclude-the-requester filter) on tables of 80 and 200
 * contacts, one table (hot in cache) and 2,000 of them (as in a simulation, where the
 * contacts read are mostly cache misses); and `ManualClock` timers (set, cancel, run
 * through `runUntil`; and 100,000 pending at once, as in a large simulation). Each cell reports the best of WINDOWS windows (the machine is shared).
 * Bounded: each cell runs for about MEASURE_MS.
 *
 * It measures the built package, as users run it: `pnpm build && pnpm bench` in
 * packages/core. `pnpm bench <dir>` measures the built core package at `<dir>` instead
 * (e.g. a checkout of the previous commit), to compare two versions side by side.
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Core from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import type * as Testing from "@plexus/core/testing";

const dir = process.argv[2];
const built = (entry: string): string => pathToFileURL(join(resolve(dir ?? "."), "dist", entry)).href;
const core = (await import(built("index.js"))) as typeof Core;
const testing = (await import(built("testing/index.js"))) as typeof Testing;
const { bytesEqual, RoutingTable } = core;
const { ManualClock, SeededRandom } = testing;

const WARMUP_MS = 200;
const MEASURE_MS = 600;
const WINDOWS = 4;
const TARGETS = 1024;
const COLD_TABLES = 2000;
const TIMERS_PER_RUN = 10_000;
const PENDING_TIMERS = 100_000;
const CHURN_TIMERS = 200_000;

let sink = 0;

/** Nanoseconds per call of `fn(i)`: the best of WINDOWS windows of MEASURE_MS / WINDOWS. */
function nsPerOp(fn: (i: number) => number): number {
  const until = (ms: number): number => {
    const start = performance.now();
    let ops = 0;
    while (performance.now() - start < ms) {
      for (let i = 0; i < 1024; i++) sink += fn(ops + i);
      ops += 1024;
    }
    return ((performance.now() - start) * 1e6) / ops;
  };
  until(WARMUP_MS);
  let best = Infinity;
  for (let w = 0; w < WINDOWS; w++) best = Math.min(best, until(MEASURE_MS / WINDOWS));
  return best;
}

/** A table of `self` holding exactly `size` contacts drawn from random ids. */
function tableOf(size: number, random: Testing.SeededRandom): Core.RoutingTable {
  const table = new RoutingTable(random.bytes(32));
  for (let port = 1; table.size < size; port++) table.add({ id: random.bytes(32), host: "10.0.0.1", port });
  return table;
}

function benchClosest(size: number, tableCount: number): string {
  const random = new SeededRandom(size);
  const tables = Array.from({ length: tableCount }, () => tableOf(size, random));
  const targets: NodeId[] = Array.from({ length: TARGETS }, () => random.bytes(32));
  const requesters: NodeId[] = Array.from({ length: TARGETS }, () => random.bytes(32));
  const ns = nsPerOp((i) => {
    const h = Math.imul(i, 0x9e3779b1) >>> 0; // a scattered walk over tables and targets
    const requester = requesters[h % TARGETS]!;
    const exclude = (c: Contact): boolean => bytesEqual(c.id, requester);
    return tables[h % tableCount]!.closest(targets[(h >>> 10) % TARGETS]!, 20, exclude).length;
  });
  const where = tableCount === 1 ? "1 table" : `${tableCount.toLocaleString("en-US")} tables`;
  return `| RoutingTable.closest, ${size} contacts, k = 20, exclude, ${where} | ${ns.toFixed(0)} |`;
}

/** One run: TIMERS_PER_RUN timers at pseudo-random delays, a quarter cancelled, all run. */
async function clockRun(random: Testing.SeededRandom): Promise<number> {
  const clock = new ManualClock();
  let ran = 0;
  const fn = (): void => {
    ran++;
  };
  for (let i = 0; i < TIMERS_PER_RUN; i++) {
    const cancel = clock.setTimeout(fn, random.int(1000) + random.next());
    if ((i & 3) === 0) cancel();
  }
  await clock.runUntil(() => false, 10_000);
  return ran;
}

/**
 * One run as in a large simulation: PENDING_TIMERS timers pending at once, each re-arming
 * itself when it runs, until CHURN_TIMERS have run (driven by `advance`).
 */
function clockChurn(random: Testing.SeededRandom): number {
  const clock = new ManualClock();
  let ran = 0;
  const fn = (): void => {
    if (++ran < CHURN_TIMERS) clock.setTimeout(fn, random.int(5000));
  };
  for (let i = 0; i < PENDING_TIMERS; i++) clock.setTimeout(fn, random.int(5000));
  clock.advance(Number.MAX_SAFE_INTEGER / 2);
  return ran;
}

/** Nanoseconds per timer of `run`, which runs `timers` timers: the best of WINDOWS windows. */
async function benchClock(run: () => number | Promise<number>, timers: number, label: string): Promise<string> {
  const time = async (ms: number): Promise<number> => {
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < ms) {
      sink += await run();
      count += timers;
    }
    return ((performance.now() - start) * 1e6) / count;
  };
  await time(WARMUP_MS);
  let ns = Infinity;
  for (let w = 0; w < WINDOWS; w++) ns = Math.min(ns, await time(MEASURE_MS / WINDOWS));
  return `| ${label} | ${ns.toFixed(0)} |`;
}

const rows = [
  benchClosest(80, 1),
  benchClosest(200, 1),
  benchClosest(80, COLD_TABLES),
  benchClosest(200, COLD_TABLES),
  await benchClock(() => clockRun(new SeededRandom(7)), TIMERS_PER_RUN, "ManualClock setTimeout + runUntil (distinct instants, 1/4 cancelled)"),
  await benchClock(() => clockChurn(new SeededRandom(8)), CHURN_TIMERS, "ManualClock, 100,000 timers pending, each re-armed when run (advance)"),
];
console.log(`Plexus core substrate benchmark, built core at ${resolve(dir ?? ".")} (node ${process.version}, ${MEASURE_MS} ms per cell)\n`);
console.log("| operation | ns per call (per timer for the clock) |");
console.log("| --- | ---: |");
for (const row of rows) console.log(row);
console.log(`\nSink: ${sink > 0 ? "ok" : "0"}`);
