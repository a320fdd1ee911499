import { afterAll, expect, it } from "vitest";
import { createLocalTestnet } from "plexus/testnet";
import type { LocalTestnet } from "plexus/testnet";
import { withDeadline } from "../support/mesh.js";

const DEADLINE_MS = 30_000;
const opened: LocalTestnet[] = [];
afterAll(async () => {
  await Promise.all(opened.map((t) => t.close()));
});

it("the facade passes oneHop and routeCache to the engine and shows the size estimate in stats()", async () => {
  const testnet = await withDeadline(createLocalTestnet({ size: 12, nodeOptions: { oneHop: {}, routeCache: { maxEntries: 10 } } }),
    DEADLINE_MS, "testnet of 12");
  opened.push(testnet);
  const reader = testnet.nodes[7]!;
  const { key } = await testnet.nodes[3]!.put("greeting", "hello");
  expect(await reader.get(key)).toBe("hello");
  const sent = reader.stats().sent.FIND_VALUE;
  expect(await reader.get(key)).toBe("hello");
  const stats = reader.stats();
  console.log(`12 real-UDP nodes: networkSize ${stats.networkSize}, full table ${stats.fullTableSize}, `
    + `route cache ${stats.routeCacheSize}, a repeat get sent ${stats.sent.FIND_VALUE - sent} FIND_VALUE`);
  // Fewer than k (20) nodes: a walk counts the nodes it saw (its join-time walks saw fewer),
  // and the full table holds the other 11.
  expect(stats.networkSize).toBeGreaterThan(0);
  expect(stats.networkSize).toBeLessThanOrEqual(12);
  expect(stats.fullTableSize).toBe(11);
  expect(stats.sent.FIND_VALUE - sent).toBeLessThanOrEqual(11);
});
