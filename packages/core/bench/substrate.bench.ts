/**
 * Micro-benchmark of the simulation substrate in core: `RoutingTable.closest` (k = 20, the
 * FIND_NODE handler's call, with its exclude-the-requester filter) on tables of 80 and 200
 * contacts, one table (hot in cache) and 2,000 of them (as in a simulation, where the
 * contacts read are mostly cache misses); and `ManualClock` timers (set, cancel, run
 * through `runUntil`). Each cell reports the best of WINDOWS windows (the machine is shared).
 * Bounded: each cell runs for about MEASURE_MS. Run with `pnpm bench` in packages/core.
 */
import { bytesEqual, RoutingTable, type Contact, type NodeId } from "../src/index.js";
import { ManualClock, SeededRandom } from "../src/testing/index.js";

const WARMUP_MS = 200;
const MEASURE_MS = 600;
const WINDOWS = 4;
const TARGETS = 1024;
const COLD_TABLES = 2000;
const TIMERS_PER_RUN = 10_000;

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
function tableOf(size: number, random: SeededRandom): RoutingTable {
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
async function clockRun(random: SeededRandom): Promise<number> {
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

async function benchClock(): Promise<string> {
  const random = new SeededRandom(7);
  const time = async (ms: number): Promise<number> => {
    const start = performance.now();
    let timers = 0;
    while (performance.now() - start < ms) {
      sink += await clockRun(random);
      timers += TIMERS_PER_RUN;
    }
    return ((performance.now() - start) * 1e6) / timers;
  };
  await time(WARMUP_MS);
  let ns = Infinity;
  for (let w = 0; w < WINDOWS; w++) ns = Math.min(ns, await time(MEASURE_MS / WINDOWS));
  return `| ManualClock setTimeout + runUntil (distinct instants, 1/4 cancelled) | ${ns.toFixed(0)} |`;
}

const rows = [
  benchClosest(80, 1),
  benchClosest(200, 1),
  benchClosest(80, COLD_TABLES),
  benchClosest(200, COLD_TABLES),
  await benchClock(),
];
console.log(`Plexus core substrate benchmark (node ${process.version}, ${MEASURE_MS} ms per cell)\n`);
console.log("| operation | ns per call (per timer for the clock) |");
console.log("| --- | ---: |");
for (const row of rows) console.log(row);
console.log(`\nSink: ${sink > 0 ? "ok" : "0"}`);
