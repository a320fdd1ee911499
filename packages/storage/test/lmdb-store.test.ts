import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { open } from "lmdb";
import { isPlexusError } from "@plexus/core";
import type { StoredRecord } from "@plexus/core";
import { ManualClock } from "@plexus/core/testing";
import { MAX_META_VALUE_BYTES, createLmdbStore } from "@plexus/storage/lmdb";
import type { LmdbStoreOptions } from "@plexus/storage/lmdb";
import { tempDirs } from "./fixtures/temp-dir.js";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const rec = (n: number, bytes: number, expiresAt = 1_000, extra: Partial<StoredRecord> = {}): StoredRecord => ({
  key: key(n), value: new Uint8Array(bytes).fill(n), expiresAt, storedAt: 0, ...extra,
});

async function rejectsWith(p: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  let error: unknown;
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    error = err;
  }
  expect(isPlexusError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
}

/** Opens a store, runs `fn`, closes it. */
async function withStore<T>(options: LmdbStoreOptions, fn: (s: Awaited<ReturnType<typeof createLmdbStore>>) => Promise<T>): Promise<T> {
  const store = await createLmdbStore(options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe("LMDB store", () => {
  it("keeps records across close and reopen, with caps recomputed", async () => {
    const path = dirs.make();
    const clock = new ManualClock(0);
    const limits = { maxRecords: 3, maxBytes: 100 };
    await withStore({ path, clock, ...limits }, async (s) => {
      await s.put(rec(1, 10, 500, { publisher: key(9), storedAt: 3 }));
      await s.put(rec(2, 20, Infinity));
      await s.put(rec(3, 30, 2_000));
    });
    expect(existsSync(join(path, "data.mdb"))).toBe(true);
    await withStore({ path, clock, ...limits }, async (s) => {
      expect(s.get(key(1))).toEqual({ key: key(1), value: new Uint8Array(10).fill(1), publisher: key(9), expiresAt: 500, storedAt: 3 });
      expect(s.get(key(2))?.expiresAt).toBe(Infinity);
      expect([s.size, s.bytes]).toEqual([3, 60]);
      expect([...s.entries()].map((r) => r.key[0]).sort()).toEqual([1, 2, 3]);
      await rejectsWith(s.put(rec(4, 1)), "ERR_STORE_FULL");
      await rejectsWith(s.put(rec(1, 51)), "ERR_STORE_FULL");
    });
  });

  it("returns plain Uint8Arrays that the store does not reuse", async () => {
    await withStore({ path: dirs.make(), clock: new ManualClock(0) }, async (s) => {
      await s.put(rec(1, 4, 1_000, { publisher: key(2) }));
      await s.put(rec(2, 4));
      const a = s.get(key(1))!;
      s.get(key(2));
      for (const bytes of [a.key, a.value, a.publisher!]) expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
      expect(a.value).toEqual(new Uint8Array(4).fill(1));
      expect(Object.isFrozen(a)).toBe(true);
    });
  });

  it("drops records that expired while closed, on disk too", async () => {
    const path = dirs.make();
    await withStore({ path, clock: new ManualClock(0) }, async (s) => {
      await s.put(rec(1, 10, 100));
      await s.put(rec(2, 10, 300));
    });
    await withStore({ path, clock: new ManualClock(200) }, async (s) => {
      expect(s.stats()).toMatchObject({ records: 1, bytes: 10, expiredPurged: 1 });
    });
    // An earlier clock would still see record 1 if it were on disk.
    await withStore({ path, clock: new ManualClock(0) }, async (s) => {
      expect(s.get(key(1))).toBeUndefined();
      expect(s.get(key(2))).toBeDefined();
    });
  });

  it("removes lazily purged records from disk", async () => {
    const path = dirs.make();
    const clock = new ManualClock(0);
    await withStore({ path, clock }, async (s) => {
      await s.put(rec(1, 10, 100));
      await s.put(rec(2, 10, 100));
      await s.delete(key(2));
      clock.advance(100);
      expect(s.size).toBe(0);
    });
    await withStore({ path, clock: new ManualClock(0) }, async (s) => {
      expect([s.size, s.get(key(1)), s.get(key(2))]).toEqual([0, undefined, undefined]);
    });
  });

  it("shows a put at once and accounts exactly for concurrent writes to one key", async () => {
    const path = dirs.make();
    await withStore({ path, clock: new ManualClock(0), maxRecords: 2 }, async (s) => {
      const writes = [s.put(rec(1, 5)), s.put({ ...rec(1, 7), value: new Uint8Array(7).fill(8) }), s.put(rec(2, 1))];
      expect(s.get(key(1))?.value).toEqual(new Uint8Array(7).fill(8));
      expect([s.size, s.bytes]).toEqual([2, 8]);
      writes.push(s.delete(key(2)).then(() => undefined));
      expect(s.get(key(2))).toBeUndefined();
      await Promise.all(writes);
      expect(s.stats()).toMatchObject({ records: 1, bytes: 7, pendingWrites: 0 });
    });
    await withStore({ path, clock: new ManualClock(0) }, async (s) => {
      expect(s.get(key(1))?.value).toEqual(new Uint8Array(7).fill(8));
      expect(s.size).toBe(1);
    });
  });

  it("rejects concurrent new keys past maxRecords, keeping exactly the cap", async () => {
    await withStore({ path: dirs.make(), clock: new ManualClock(0), maxRecords: 5 }, async (s) => {
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => s.put(rec(i + 1, 1))));
      expect(results.filter((r) => r.status === "rejected")).toHaveLength(3);
      expect(s.stats()).toMatchObject({ records: 5, rejectedFull: 3 });
    });
  });

  it("treats a path with a dot as a directory and honours durability 'committed'", async () => {
    const path = join(dirs.make(), "node.db");
    await withStore({ path, clock: new ManualClock(0), durability: "committed" }, async (s) => {
      await s.put(rec(1, 3));
    });
    expect(statSync(path).isDirectory()).toBe(true);
    await withStore({ path, clock: new ManualClock(0) }, async (s) => expect(s.size).toBe(1));
  });

  it("refuses a directory holding records it cannot read", async () => {
    const path = dirs.make();
    const raw = open({ path, noSubdir: false, maxDbs: 4 });
    await raw.openDB({ name: "records", keyEncoding: "binary", encoding: "binary" }).put(key(1), Uint8Array.of(99, 0));
    await raw.close();
    await rejectsWith(createLmdbStore({ path, clock: new ManualClock(0) }), "ERR_INVALID_ARGUMENT");
  });

  it("rejects bad caps with ERR_INVALID_ARGUMENT", async () => {
    await rejectsWith(createLmdbStore({ path: dirs.make(), clock: new ManualClock(0), maxRecords: -1 }), "ERR_INVALID_ARGUMENT");
  });
});

describe("LMDB store meta", () => {
  it("stores, replaces, deletes and persists named blobs", async () => {
    const path = dirs.make();
    const identity = Uint8Array.of(1, 2, 3);
    await withStore({ path, clock: new ManualClock(0) }, async (s) => {
      expect(s.getMeta("identity")).toBeUndefined();
      await s.putMeta("identity", identity);
      identity.fill(0); // the store kept its own copy
      await s.putMeta("routing-table", new Uint8Array(100_000).fill(5));
      await s.putMeta("tmp", Uint8Array.of(1));
      await s.deleteMeta("tmp");
      await s.deleteMeta("never-there");
      expect(s.getMeta("tmp")).toBeUndefined();
      expect(s.size).toBe(0); // meta is not records
    });
    await withStore({ path, clock: new ManualClock(0) }, async (s) => {
      const got = s.getMeta("identity")!;
      expect(got).toEqual(Uint8Array.of(1, 2, 3));
      expect(Object.getPrototypeOf(got)).toBe(Uint8Array.prototype);
      expect(s.getMeta("routing-table")?.length).toBe(100_000);
    });
  });

  it("validates names and sizes and stops after close", async () => {
    const s = await createLmdbStore({ path: dirs.make(), clock: new ManualClock(0) });
    await rejectsWith(() => s.getMeta(""), "ERR_INVALID_ARGUMENT");
    await rejectsWith(s.putMeta("x".repeat(101), Uint8Array.of(1)), "ERR_INVALID_ARGUMENT");
    await rejectsWith(s.putMeta("x", "bytes" as unknown as Uint8Array), "ERR_INVALID_ARGUMENT");
    await rejectsWith(s.putMeta("x", new Uint8Array(MAX_META_VALUE_BYTES + 1)), "ERR_VALUE_TOO_LARGE");
    await s.close();
    await rejectsWith(() => s.getMeta("x"), "ERR_STOPPED");
    await rejectsWith(s.putMeta("x", Uint8Array.of(1)), "ERR_STOPPED");
    await rejectsWith(s.deleteMeta("x"), "ERR_STOPPED");
  });
});
