/**
 * Put and get rates of the LMDB store (both durability settings) beside the memory store,
 * for 100-byte and 1 KiB values. Each measurement stops at its op count or its time budget,
 * whichever comes first. Prints a markdown table. Measures the built package (`@plexus/storage`
 * resolves to its dist): `pnpm bench` at the root builds first; or build, then
 * `pnpm --filter @plexus/storage bench`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Clock, RecordStore, StoredRecord } from "@plexus/core";
import { createMemoryStore } from "@plexus/storage";
import { createLmdbStore } from "@plexus/storage/lmdb";

const BUDGET_MS = 1_000; // per measurement
const MAX_OPS = 200_000; // per measurement
const BATCH = 256; // puts in flight in the batched measurement
const VALUE_SIZES = [100, 1024];
const CAPS = { maxRecords: 10_000_000, maxBytes: 8 * 1024 ** 3 };
const clock: Clock = { now: () => 0, setTimeout: () => () => undefined };

function record(i: number, valueBytes: number): StoredRecord {
  const key = new Uint8Array(32);
  new DataView(key.buffer).setUint32(0, i);
  key[31] = 0x5a;
  return { key, value: new Uint8Array(valueBytes).fill(i & 0xff), expiresAt: Infinity, storedAt: 0 };
}

/** Ops per second of `step` (which does `n` ops per call) until the budget or MAX_OPS. */
async function rate(step: (first: number) => Promise<number> | number): Promise<number> {
  const start = performance.now();
  let done = 0;
  while (done < MAX_OPS && performance.now() - start < BUDGET_MS) done += await step(done);
  return done / ((performance.now() - start) / 1000);
}

async function measure(store: RecordStore, valueBytes: number): Promise<number[]> {
  let next = 0; // fresh keys for every put
  const seq = await rate(async () => {
    await store.put(record(next++, valueBytes));
    return 1;
  });
  const batched = await rate(async () => {
    await Promise.all(Array.from({ length: BATCH }, () => store.put(record(next++, valueBytes))));
    return BATCH;
  });
  const keys = Array.from({ length: Math.min(next, 10_000) }, (_, i) => record(i, 0).key);
  const get = await rate(() => {
    for (let i = 0; i < 1_000; i++) if (store.get(keys[(i * 7919) % keys.length]!) === undefined) throw new Error("missing");
    return 1_000;
  });
  return [seq, batched, get];
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
const rows: string[] = [];
const dirs: string[] = [];
const stores: [string, () => Promise<RecordStore>][] = [
  ["memory", async () => createMemoryStore({ clock, ...CAPS })],
  ["lmdb (flushed)", () => createLmdbStore({ path: dir(), clock, ...CAPS })],
  ["lmdb (committed)", () => createLmdbStore({ path: dir(), clock, ...CAPS, durability: "committed" })],
];
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), "plexus-lmdb-bench-"));
  dirs.push(d);
  return d;
}

try {
  for (const valueBytes of VALUE_SIZES) {
    for (const [name, make] of stores) {
      const store = await make();
      const [seq, batched, get] = await measure(store, valueBytes);
      await store.close();
      rows.push(`| ${name} | ${valueBytes} B | ${fmt(seq!)} | ${fmt(batched!)} | ${fmt(get!)} |`);
    }
  }
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
console.log(`| store | value | put/s (sequential, awaited) | put/s (${BATCH} in flight) | get/s |`);
console.log("| --- | --- | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
console.log(`\nnode ${process.version}, ${BUDGET_MS} ms or ${MAX_OPS} ops per cell, tmpdir ${tmpdir()}`);
