import { afterEach, describe, expect, it } from "vitest";
import { isPlexusError } from "@plexus/core";
import type { RecordStore, StoredRecord } from "@plexus/core";
import { ManualClock } from "@plexus/core/testing";

/** Caps a store under contract test must honour; the suite passes {@link CONTRACT_LIMITS}. */
export interface RecordStoreLimits {
  readonly maxRecords: number;
  readonly maxBytes: number;
  readonly maxValueBytes: number;
}

/** Builds a fresh, empty store on `clock` with the given caps. */
export type RecordStoreFactory = (
  clock: ManualClock,
  limits: RecordStoreLimits,
) => RecordStore | Promise<RecordStore>;

/** The small caps the contract suite uses, so the cap tests stay cheap. */
export const CONTRACT_LIMITS: RecordStoreLimits = Object.freeze({
  maxRecords: 4,
  maxBytes: 100,
  maxValueBytes: 40,
});

/** A 32-byte key whose bytes are all `n`. */
function key(n: number): Uint8Array {
  return new Uint8Array(32).fill(n);
}

function rec(n: number, valueBytes: number, expiresAt = 1_000, extra: Partial<StoredRecord> = {}): StoredRecord {
  return { key: key(n), value: new Uint8Array(valueBytes).fill(n), expiresAt, storedAt: 0, ...extra };
}

async function expectCode(p: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  let error: unknown;
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    error = err;
  }
  expect(isPlexusError(error, code), `expected PlexusError ${code}, got ${String(error)}`).toBe(true);
}

/**
 * The behaviour every {@link RecordStore} must show, as a vitest suite: round trips,
 * replacement, expiry at exactly `expiresAt` (expired when `now >= expiresAt`), caps on
 * count, bytes (a replacement counts only its delta) and value size, iteration while
 * deleting, idempotent `close`, and key validation. Call it from a test file of each
 * store implementation; every store the factory makes is closed after its test.
 */
export function recordStoreContract(name: string, makeStore: RecordStoreFactory): void {
  describe(`RecordStore contract: ${name}`, () => {
    const open: RecordStore[] = [];
    let clock: ManualClock;
    const make = async (): Promise<RecordStore> => {
      clock = new ManualClock(0);
      const store = await makeStore(clock, CONTRACT_LIMITS);
      open.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });

    it("puts, gets and deletes a record", async () => {
      const s = await make();
      const publisher = key(9);
      await s.put(rec(1, 10, 500, { publisher, storedAt: 7 }));
      expect(s.get(key(1))).toEqual({ key: key(1), value: new Uint8Array(10).fill(1), publisher, expiresAt: 500, storedAt: 7 });
      expect([s.size, s.bytes]).toEqual([1, 10]);
      expect(s.get(key(2))).toBeUndefined();
      expect(await s.delete(key(2))).toBe(false);
      expect(await s.delete(key(1))).toBe(true);
      expect(s.get(key(1))).toBeUndefined();
      expect([s.size, s.bytes]).toEqual([0, 0]);
    });

    it("replaces the record of an existing key", async () => {
      const s = await make();
      await s.put(rec(1, 10));
      await s.put({ ...rec(1, 3, 2_000), value: Uint8Array.of(7, 8, 9) });
      expect(s.get(key(1))?.value).toEqual(Uint8Array.of(7, 8, 9));
      expect(s.get(key(1))?.expiresAt).toBe(2_000);
      expect([s.size, s.bytes]).toEqual([1, 3]);
    });

    it("copies the value on put: the caller may reuse its buffers", async () => {
      const s = await make();
      const r = rec(1, 4);
      await s.put(r);
      r.value.fill(0xff);
      r.key.fill(2);
      expect(s.get(key(1))?.value).toEqual(new Uint8Array(4).fill(1));
    });

    it("expires a record exactly at expiresAt", async () => {
      const s = await make();
      await s.put(rec(1, 10, 1_000));
      await s.put(rec(2, 5, 2_000));
      clock.advance(999);
      expect(s.get(key(1))).toBeDefined();
      clock.advance(1);
      expect(s.get(key(1))).toBeUndefined();
      expect([s.size, s.bytes]).toEqual([1, 5]);
      expect([...s.entries()].map((r) => r.key)).toEqual([key(2)]);
      expect(await s.delete(key(1))).toBe(false);
    });

    it("does not keep a put whose expiresAt has already passed, and drops the old record", async () => {
      const s = await make();
      await s.put(rec(1, 10, 1_000));
      clock.advance(100);
      await s.put(rec(1, 10, 100));
      await s.put(rec(2, 10, 50));
      expect(s.get(key(1))).toBeUndefined();
      expect(s.get(key(2))).toBeUndefined();
      expect(s.size).toBe(0);
    });

    it("rejects a new key past maxRecords with ERR_STORE_FULL but allows replacement", async () => {
      const s = await make();
      for (let i = 1; i <= CONTRACT_LIMITS.maxRecords; i++) await s.put(rec(i, 1));
      await expectCode(s.put(rec(99, 1)), "ERR_STORE_FULL");
      await s.put(rec(1, 2));
      expect(s.get(key(99))).toBeUndefined();
      expect(s.size).toBe(CONTRACT_LIMITS.maxRecords);
    });

    it("rejects past maxBytes with ERR_STORE_FULL, counting only a replacement's delta", async () => {
      const s = await make();
      await s.put(rec(1, 40));
      await s.put(rec(2, 40));
      await expectCode(s.put(rec(3, 21)), "ERR_STORE_FULL");
      await s.put(rec(3, 20)); // exactly maxBytes is allowed
      expect(s.bytes).toBe(100);
      await s.put(rec(1, 40)); // same size replacement: delta 0
      await expectCode(s.put(rec(3, 21)), "ERR_STORE_FULL");
      expect(s.get(key(3))?.value.length).toBe(20); // the failed put left the old record
      await s.put(rec(1, 10));
      await s.put(rec(3, 40));
      expect([s.size, s.bytes]).toEqual([3, 90]);
    });

    it("rejects a value over maxValueBytes with ERR_VALUE_TOO_LARGE", async () => {
      const s = await make();
      await s.put(rec(1, CONTRACT_LIMITS.maxValueBytes));
      await expectCode(s.put(rec(1, CONTRACT_LIMITS.maxValueBytes + 1)), "ERR_VALUE_TOO_LARGE");
      await expectCode(s.put(rec(2, CONTRACT_LIMITS.maxValueBytes + 1)), "ERR_VALUE_TOO_LARGE");
      expect(s.get(key(1))?.value.length).toBe(CONTRACT_LIMITS.maxValueBytes);
      expect(s.size).toBe(1);
    });

    it("purges expired records before declaring the store full", async () => {
      const s = await make();
      for (let i = 1; i <= CONTRACT_LIMITS.maxRecords; i++) await s.put(rec(i, 25, 10));
      clock.advance(10);
      for (let i = 11; i <= 10 + CONTRACT_LIMITS.maxRecords; i++) await s.put(rec(i, 25, 20));
      expect([s.size, s.bytes]).toEqual([CONTRACT_LIMITS.maxRecords, 100]);
    });

    it("iterates live records and tolerates deletion during iteration", async () => {
      const s = await make();
      for (let i = 1; i <= 4; i++) await s.put(rec(i, 1, i === 4 ? 5 : 1_000));
      clock.advance(5);
      const seen: number[] = [];
      for (const r of s.entries()) {
        seen.push(r.key[0]!);
        if (r.key[0] === 1) await s.delete(key(1));
        if (r.key[0] === 2) await s.delete(key(2));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain(3);
      expect(seen).not.toContain(4);
      expect([...s.entries()].map((r) => r.key[0])).toEqual([3]);
    });

    it("closes idempotently and rejects puts afterwards with ERR_STOPPED", async () => {
      const s = await make();
      await s.put(rec(1, 1));
      await s.close();
      await s.close();
      await expectCode(s.put(rec(2, 1)), "ERR_STOPPED");
    });

    it("rejects keys and publishers that are not 32-byte Uint8Arrays with ERR_INVALID_ID", async () => {
      const s = await make();
      const bad: unknown[] = [new Uint8Array(31), new Uint8Array(33), "00".repeat(32), undefined, [...key(1)]];
      for (const k of bad) {
        await expectCode(() => s.get(k as Uint8Array), "ERR_INVALID_ID");
        await expectCode(s.delete(k as Uint8Array), "ERR_INVALID_ID");
        await expectCode(s.put({ ...rec(1, 1), key: k as Uint8Array }), "ERR_INVALID_ID");
      }
      await expectCode(s.put(rec(1, 1, 1_000, { publisher: new Uint8Array(8) })), "ERR_INVALID_ID");
      await expectCode(s.put(rec(1, 1, Number.NaN)), "ERR_INVALID_ARGUMENT");
      await expectCode(s.put({ ...rec(1, 1), value: "x" as unknown as Uint8Array }), "ERR_INVALID_ARGUMENT");
      expect(s.size).toBe(0);
    });
  });
}
