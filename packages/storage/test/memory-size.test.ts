import { describe, expect, it } from "vitest";
import { isPlexusError } from "@plexus/core";
import { ManualClock } from "@plexus/core/testing";
import {
  DEFAULT_MAX_MEMORY_BYTES,
  PUBLISHER_OVERHEAD_BYTES,
  RECORD_OVERHEAD_BYTES,
  createMemoryStore,
  recordMemoryBytes,
} from "@plexus/storage";

const rec = (n: number, len: number, publisher = false) => ({
  key: new Uint8Array(32).fill(n),
  value: new Uint8Array(len),
  ...(publisher ? { publisher: new Uint8Array(32).fill(1) } : {}),
  expiresAt: 1_000,
  storedAt: 0,
});

describe("memory accounting of the memory store", () => {
  it("estimates a record as value + overhead (+ publisher)", () => {
    expect(DEFAULT_MAX_MEMORY_BYTES).toBe(64 * 2 ** 20);
    expect(recordMemoryBytes(rec(1, 0))).toBe(RECORD_OVERHEAD_BYTES);
    expect(recordMemoryBytes(rec(1, 100, true))).toBe(RECORD_OVERHEAD_BYTES + 100 + PUBLISHER_OVERHEAD_BYTES);
  });

  it("caps the estimated memory, not only the value bytes: tiny records fill it", async () => {
    const cost = recordMemoryBytes(rec(0, 1));
    const s = createMemoryStore({ clock: new ManualClock(), maxMemoryBytes: 10 * cost });
    for (let i = 0; i < 10; i++) await s.put(rec(i, 1));
    const err = await s.put(rec(10, 1)).then(() => undefined, (e: unknown) => e);
    expect(isPlexusError(err, "ERR_STORE_FULL")).toBe(true);
    expect(s.stats()).toMatchObject({ records: 10, bytes: 10, memoryBytes: 10 * cost, rejectedFull: 1 });
    // A replacement counts only its delta; a delete gives its memory back.
    await s.put(rec(3, 1));
    await s.delete(new Uint8Array(32).fill(3));
    await s.put(rec(10, 1, false));
    expect(s.stats().memoryBytes).toBe(10 * cost);
    expect(() => createMemoryStore({ clock: new ManualClock(), maxMemoryBytes: -1 })).toThrow(/maxMemoryBytes/);
  });
});
