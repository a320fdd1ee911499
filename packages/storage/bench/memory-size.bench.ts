/**
 * Checks `recordMemoryBytes` against the process: fills a memory store with records of a
 * few value sizes and compares the store's estimate (`stats().memoryBytes`) with what the
 * heap and array buffers grew by (`process.memoryUsage()` after `gc()`). Prints a markdown
 * table; asserts nothing (the figure depends on the V8 version). Needs `--expose-gc`:
 * `pnpm --filter @plexus/storage bench:memory` (after a build: `@plexus/storage` resolves
 * to its dist).
 */
import type { Clock } from "@plexus/core";
import { createMemoryStore } from "@plexus/storage";

const clock: Clock = { now: () => 0, setTimeout: () => () => undefined };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const cases: [valueBytes: number, publisher: boolean, count: number][] = [
  [0, false, 50_000], [16, false, 50_000], [100, true, 50_000], [1000, true, 50_000], [10_000, false, 5_000],
];

console.log("| value B | publisher | records | measured B/record | estimated B/record | estimate / measured |");
console.log("| ---: | :---: | ---: | ---: | ---: | ---: |");
for (const [valueBytes, publisher, count] of cases) {
  const store = createMemoryStore({ clock, maxRecords: 10_000_000, maxBytes: 2 ** 40, maxMemoryBytes: 2 ** 40 });
  gc();
  gc();
  const before = process.memoryUsage();
  for (let i = 0; i < count; i++) {
    const key = new Uint8Array(32);
    new DataView(key.buffer).setUint32(0, i);
    await store.put({ key, value: new Uint8Array(valueBytes), ...(publisher ? { publisher: new Uint8Array(32) } : {}), storedAt: 0, expiresAt: Infinity });
  }
  gc();
  gc();
  const after = process.memoryUsage();
  const measured = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / count;
  const estimated = store.stats().memoryBytes / count;
  console.log(`| ${valueBytes} | ${publisher ? "yes" : "no"} | ${count} | ${measured.toFixed(0)} | ${estimated.toFixed(0)} | ${(estimated / measured).toFixed(2)} |`);
  await store.close();
}
