import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RidTable } from "../src/rpc/rid-table.js";

describe("RidTable", () => {
  it("behaves as a Map<number, V> under any sequence of sets and deletes", () => {
    // Few distinct low bits, so probe runs collide, wrap around and shift on delete.
    const rid = fc.oneof(fc.integer({ min: 0, max: 40 }).map((n) => n * 64), fc.nat({ max: 0xffff_ffff }));
    const op = fc.tuple(fc.constantFrom("set", "delete", "get"), rid);
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const table = new RidTable<string>();
      const model = new Map<number, string>();
      ops.forEach(([kind, key], step) => {
        if (kind === "set") {
          table.set(key, `v${step}`);
          model.set(key, `v${step}`);
        } else if (kind === "delete") {
          expect(table.delete(key)).toBe(model.delete(key));
        }
        expect(table.get(key)).toBe(model.get(key));
        expect(table.has(key)).toBe(model.has(key));
        expect(table.size).toBe(model.size);
      });
      for (const [key, value] of model) expect(table.get(key)).toBe(value);
      expect(table.values().sort()).toEqual([...model.values()].sort());
    }), { numRuns: 500, seed: 0x51d });
  });

  it("finds the later entries of a probe run after deletes inside it", () => {
    const table = new RidTable<object>();
    for (let i = 0; i < 6; i++) table.set(i * 8, { i });
    table.delete(0);
    table.delete(16);
    expect(table.values()).toHaveLength(4);
    expect(table.get(0)).toBeUndefined();
    expect(table.get(40)).toEqual({ i: 5 });
  });
});
