import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isPlexusError, type StoredRecord } from "@plexus/core";
import { ManualClock } from "@plexus/core/testing";
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_RECORDS,
  DEFAULT_MAX_VALUE_BYTES,
  createMemoryStore,
} from "@plexus/storage";

const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const rec = (n: number, len: number, expiresAt = 1_000): StoredRecord => ({
  key: key(n),
  value: new Uint8Array(len).fill(n),
  expiresAt,
  storedAt: 0,
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => undefined, (err: unknown) => err);
}

describe("createMemoryStore", () => {
  it("has documented defaults", async () => {
    expect([DEFAULT_MAX_RECORDS, DEFAULT_MAX_BYTES, DEFAULT_MAX_VALUE_BYTES]).toEqual([65_536, 64 * 2 ** 20, 64 * 2 ** 10]);
    const s = createMemoryStore({ clock: new ManualClock() });
    await s.put(rec(1, DEFAULT_MAX_VALUE_BYTES));
    const err = await rejection(s.put(rec(2, DEFAULT_MAX_VALUE_BYTES + 1)));
    expect(isPlexusError(err, "ERR_VALUE_TOO_LARGE")).toBe(true);
    expect((err as Error).message).toContain(`${DEFAULT_MAX_VALUE_BYTES + 1}`);
  });

  it("rejects caps that are not non-negative integers", () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity]) {
      expect(() => createMemoryStore({ clock: new ManualClock(), maxRecords: bad })).toThrow(/maxRecords/);
      expect(() => createMemoryStore({ clock: new ManualClock(), maxBytes: bad })).toThrow(/maxBytes/);
    }
  });

  it("sets no timers", async () => {
    const clock = new ManualClock();
    const s = createMemoryStore({ clock });
    await s.put(rec(1, 1, 10));
    expect(clock.pending).toBe(0);
    await s.close();
    expect(clock.pending).toBe(0);
  });

  it("counts purges and rejections in stats, with the numbers in the messages", async () => {
    const clock = new ManualClock();
    const s = createMemoryStore({ clock, maxRecords: 2, maxBytes: 10, maxValueBytes: 8 });
    await s.put(rec(1, 6, 5));
    const tooMany = await rejection(s.put(rec(2, 6)));
    expect((tooMany as Error).message).toMatch(/12 of at most 10 bytes \(6 held\)/);
    await s.put(rec(2, 4));
    const full = await rejection(s.put(rec(3, 1)));
    expect((full as Error).message).toMatch(/holds 2 of at most 2 records/);
    await rejection(s.put(rec(3, 9)));
    clock.advance(5);
    expect(s.stats()).toEqual({ records: 1, bytes: 4, memoryBytes: 684, expiredPurged: 1, rejectedFull: 2, rejectedTooLarge: 1 });
  });

  it("returns the stored frozen record and keeps a private copy of Buffer input", async () => {
    const s = createMemoryStore({ clock: new ManualClock() });
    const value = Buffer.from("hello");
    await s.put({ key: key(1), value, expiresAt: 10, storedAt: 0 });
    value.write("HELLO");
    const got = s.get(key(1))!;
    expect(Object.isFrozen(got)).toBe(true);
    expect(got).toBe(s.get(key(1)));
    expect(Buffer.isBuffer(got.value)).toBe(false);
    expect(new TextDecoder().decode(got.value)).toBe("hello");
  });

  it("iterates with Map semantics: skips records deleted ahead, visits inserted ones", async () => {
    const s = createMemoryStore({ clock: new ManualClock() });
    for (let i = 1; i <= 3; i++) await s.put(rec(i, 1));
    const seen: number[] = [];
    for (const r of s.entries()) {
      seen.push(r.key[0]!);
      if (r.key[0] === 1) {
        await s.delete(key(2));
        await s.put(rec(4, 1));
      }
    }
    expect(seen).toEqual([1, 3, 4]);
  });

  it("empties on close; reads then see nothing", async () => {
    const s = createMemoryStore({ clock: new ManualClock() });
    await s.put(rec(1, 3));
    await s.close();
    expect([s.size, s.bytes, s.get(key(1)), [...s.entries()].length]).toEqual([0, 0, undefined, 0]);
    expect(await s.delete(key(1))).toBe(false);
  });

  it("matches a model under random put, delete, get and clock moves (seed 7)", async () => {
    type Op = { t: "put"; k: number; len: number; ttl: number } | { t: "del"; k: number } | { t: "tick"; ms: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ t: fc.constant("put" as const), k: fc.integer({ min: 0, max: 7 }), len: fc.integer({ min: 0, max: 45 }), ttl: fc.integer({ min: -2, max: 30 }) }),
      fc.record({ t: fc.constant("del" as const), k: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ t: fc.constant("tick" as const), ms: fc.integer({ min: 0, max: 15 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 80 }), async (ops) => {
        const clock = new ManualClock();
        const s = createMemoryStore({ clock, maxRecords: 4, maxBytes: 100, maxValueBytes: 40 });
        const model = new Map<number, { len: number; at: number }>();
        const purge = (): void => {
          for (const [k, r] of model) if (clock.now() >= r.at) model.delete(k);
        };
        for (const o of ops) {
          purge();
          if (o.t === "tick") clock.advance(o.ms);
          else if (o.t === "del") expect(await s.delete(key(o.k))).toBe(model.delete(o.k));
          else {
            const at = clock.now() + o.ttl;
            const prev = model.get(o.k);
            const bytes = [...model.values()].reduce((a, r) => a + r.len, 0) - (prev?.len ?? 0) + o.len;
            let code: string | undefined;
            if (o.len > 40) code = "ERR_VALUE_TOO_LARGE";
            else if (at <= clock.now()) model.delete(o.k);
            else if ((!prev && model.size >= 4) || bytes > 100) code = "ERR_STORE_FULL";
            else model.set(o.k, { len: o.len, at });
            const err = await rejection(s.put(rec(o.k, o.len, at)));
            expect(code === undefined ? err : (err as { code?: string }).code).toBe(code);
          }
          purge();
          expect(s.size).toBe(model.size);
          expect(s.bytes).toBe([...model.values()].reduce((a, r) => a + r.len, 0));
          for (let k = 0; k < 8; k++) expect(s.get(key(k))?.value.length).toBe(model.get(k)?.len);
          expect(new Set([...s.entries()].map((r) => r.key[0]))).toEqual(new Set(model.keys()));
        }
      }),
      { seed: 7, numRuns: 150 },
    );
  }, 30_000);
});
