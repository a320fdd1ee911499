import { compareDistance } from "@plexus/core";
import type { Contact } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { RouteCache } from "../src/query/route-cache.js";
import { SIZE_ESTIMATE_WALKS, SizeEstimate, distanceFraction, sizeFromDistances } from "../src/query/size-estimate.js";
import { FullTable } from "../src/routing/full-table.js";

const random = new SeededRandom(41);
const contact = (i: number): Contact => ({ id: random.bytes(32), host: "198.18.0.1", port: 1000 + i });

describe("RouteCache", () => {
  it("keeps at most maxEntries keys, least recently used out first, and forgets an entry after ttlMs", () => {
    const clock = new ManualClock();
    const cache = new RouteCache(clock, { maxEntries: 3, ttlMs: 1000 });
    const keys = [0, 1, 2, 3].map(() => random.bytes(32));
    const closest = [contact(0), contact(1)];
    for (const key of keys.slice(0, 3)) cache.set(key, closest);
    expect(cache.get(keys[0]!)).toEqual(closest); // 0 is now the most recent
    cache.set(keys[3]!, closest); // pushes out 1
    expect(cache.size).toBe(3);
    expect(cache.get(keys[1]!)).toEqual([]);
    expect(cache.get(keys[0]!)).toEqual(closest);
    clock.advance(1000);
    expect(cache.get(keys[0]!)).toEqual([]);
    cache.set(keys[2]!, []);
    expect(cache.get(keys[2]!)).toEqual([]);
  });

  it("does nothing with maxEntries 0", () => {
    const cache = new RouteCache(new ManualClock(), { maxEntries: 0, ttlMs: 1000 });
    const key = random.bytes(32);
    cache.set(key, [contact(0)]);
    expect(cache.size).toBe(0);
    expect(cache.get(key)).toEqual([]);
  });
});

describe("FullTable", () => {
  it("closest() matches a brute-force sort, and the table holds at most maxContacts", () => {
    const self = random.bytes(32);
    const table = new FullTable(self, { maxContacts: 150 });
    const all = Array.from({ length: 200 }, (_, i) => contact(i));
    for (const c of all) table.learn(c.id, c);
    table.learn(self, all[0]!);
    expect(table.size).toBe(150);
    const held = all.slice(0, 150);
    for (let t = 0; t < 20; t++) {
      const target = random.bytes(32);
      const oracle = held.slice().sort((a, b) => compareDistance(a.id, b.id, target)).slice(0, 20);
      expect(table.closest(target, 20).map((c) => c.port)).toEqual(oracle.map((c) => c.port));
    }
    expect(table.closest(random.bytes(32), 0)).toEqual([]);
  });

  it("forgets a node only at the address that failed", () => {
    const table = new FullTable(random.bytes(32), { maxContacts: 10 });
    const c = contact(7);
    table.learn(c.id, c);
    table.forget(c.id, { host: "198.18.0.2", port: c.port });
    expect(table.knows(c.id)).toBe(true);
    table.forget(c.id, c);
    expect(table.knows(c.id)).toBe(false);
  });
});

describe("network size estimate", () => {
  it("sizeFromDistances inverts evenly spaced distances, and distanceFraction reads the leading bytes", () => {
    expect(sizeFromDistances(Array.from({ length: 20 }, (_, i) => (i + 1) / 5000))).toBeCloseTo(5000, 6);
    expect(sizeFromDistances([])).toBe(0);
    const target = new Uint8Array(32);
    const id = new Uint8Array(32);
    id[0] = 0x80;
    expect(distanceFraction(id, target)).toBe(0.5);
  });

  it("is the median of the last walks, and counts a network smaller than k exactly", () => {
    const estimate = new SizeEstimate(20);
    const target = new Uint8Array(32);
    estimate.note(target, [contact(0), contact(1), contact(2)]);
    expect(estimate.value).toBe(4);
    for (let i = 0; i < SIZE_ESTIMATE_WALKS + 5; i++) estimate.note(target, [contact(0)]);
    expect(estimate.samples).toBe(SIZE_ESTIMATE_WALKS);
    expect(estimate.value).toBe(2);
  });
});
