import { describe, expect, it } from "vitest";
import { isPlexusError } from "@plexus/core";
import { ManualClock } from "@plexus/core/testing";
import { createMemoryStore } from "@plexus/storage";
import { StoreQuota } from "../src/records/store-quota.js";
import { Counters } from "../src/stats/counters.js";

const rec = (n: number, storedAt = 0) => ({ key: new Uint8Array(32).fill(n), value: new Uint8Array(10), storedAt, expiresAt: 60_000 });

describe("StoreQuota", () => {
  it("evicts and retries when the store itself is full (its caps are lower than the quota's)", async () => {
    const clock = new ManualClock();
    const store = createMemoryStore({ clock, maxRecords: 4 });
    const counters = new Counters();
    const quota = new StoreQuota({ store, clock, counters }, { maxRecords: 100, maxBytes: 1 << 20, share: 1 / 2, exemptLoopback: false });
    for (let i = 0; i < 4; i++) await quota.put(rec(i), "198.18.1.1");
    await quota.put(rec(9), "198.18.2.1");
    expect([store.get(rec(0).key), store.get(rec(9).key)?.value.length, store.size]).toEqual([undefined, 10, 4]);
    expect(counters.storeEvictions).toBe(1);
    // Loopback is not exempt here: 127.0.0.0/24 is one subnet with a share like any other.
    for (let i = 20; i < 70; i++) await quota.put(rec(i), "127.0.0.1").catch(() => undefined);
    expect(quota.usage("127.0.0.9").items).toBeLessThanOrEqual(50);
  });

  it("never deletes a record that a later write replaced, and refuses over the share with ERR_STORE_FULL", async () => {
    const clock = new ManualClock();
    const store = createMemoryStore({ clock });
    const counters = new Counters();
    const quota = new StoreQuota({ store, clock, counters }, { maxRecords: 4, maxBytes: 1 << 20, share: 1 / 2 });
    await quota.put(rec(1), "198.18.1.1");
    await quota.put(rec(2), "198.18.1.2");
    const err = await quota.put(rec(3), "198.18.1.3").then(() => undefined, (e: unknown) => e);
    expect(isPlexusError(err, "ERR_STORE_FULL")).toBe(true);
    expect(counters.storesOverShare).toBe(1);
    await store.put(rec(1, 5)); // the node's own put() over key 1
    await quota.put(rec(3), "198.18.2.1");
    await quota.put(rec(4), "198.18.2.1");
    await quota.put(rec(5), "198.18.3.1"); // full: evicts 198.18.1's oldest (key 1), which is no longer its write
    expect(store.get(rec(1).key)?.storedAt).toBe(5);
    expect(counters.storeEvictions).toBe(0);
  });
});
