import { describe, expect, it } from "vitest";
import { PrefixLedger } from "../src/limits/prefix-ledger.js";
import { subnetOf } from "../src/routing/subnet-limits.js";

describe("PrefixLedger", () => {
  it("refuses a prefix past its share of items or units; a replacement counts its delta", () => {
    const ledger = new PrefixLedger<string>({ maxUnits: 1000, maxItems: 80, share: 1 / 8 });
    let admitted = 0;
    for (let i = 0; i < 20; i++) if (ledger.admit("a", `a${i}`, `a${i}`, 10, Infinity, 0).ok) admitted++;
    expect(admitted).toBe(10); // 80 / 8 items
    expect(ledger.admit("a", "a0", "a0", 10, Infinity, 0).ok).toBe(true); // same id: no growth
    expect(ledger.admit("a", "a0", "a0", 200, Infinity, 0)).toEqual({ ok: false, reason: "share" }); // 90 + 200 > 125 units
    expect(ledger.admit("b", "b0", "b0", 125, Infinity, 0).ok).toBe(true);
    expect(ledger.admit("b", "b1", "b1", 1, Infinity, 0)).toEqual({ ok: false, reason: "share" });
    expect(ledger.usage("a")).toEqual({ units: 100, items: 10 });
    // Exempt sources have no share, but the item still may not exceed the table.
    for (let i = 0; i < 30; i++) expect(ledger.admit(undefined, `x${i}`, `x${i}`, 1, Infinity, 0).ok).toBe(true);
    expect(ledger.admit(undefined, "big", "big", 1001, Infinity, 0)).toEqual({ ok: false, reason: "full" });
  });

  it("when full, evicts the oldest items of the prefix holding the most, never a lighter one", () => {
    const ledger = new PrefixLedger<string>({ maxUnits: Infinity, maxItems: 16, share: 1 / 4 });
    for (let i = 0; i < 4; i++) ledger.admit("flood", `f${i}`, `f${i}`, 1, Infinity, 0);
    for (let p = 0; p < 4; p++) for (let i = 0; i < 3; i++) ledger.admit(`h${p}`, `h${p}.${i}`, `h${p}.${i}`, 1, Infinity, 0);
    expect(ledger.items).toBe(16);
    const first = ledger.admit("late", "l0", "l0", 1, Infinity, 0);
    expect(first).toEqual({ ok: true, evicted: ["f0"] });
    // Now flood holds 3 like everyone: the heaviest may be any of them, but one item per admit.
    const second = ledger.admit("late", "l1", "l1", 1, Infinity, 0);
    expect(second.ok && second.evicted.length).toBe(1);
    expect(ledger.items).toBe(16);
  });

  it("ranks by the larger fraction of either cap and forgets expired items", () => {
    const ledger = new PrefixLedger<number>({ maxUnits: 100, maxItems: 100, share: Infinity });
    ledger.admit("bytes", "b", 1, 60, 50, 0); // 60 % of the units in one item
    for (let i = 0; i < 30; i++) ledger.admit("count", `c${i}`, i, 1, 1000, 0); // 30 % of the items
    const r = ledger.admit("new", "n", 0, 20, 1000, 0);
    expect(r).toEqual({ ok: true, evicted: [1] });
    expect(ledger.admit("new", "m", 0, 50, 1000, 0)).toEqual({ ok: true, evicted: [] });
    ledger.purge(1000);
    expect([ledger.items, ledger.units]).toEqual([0, 0]);
  });
});

describe("subnetOf", () => {
  it("exempts loopback unless told not to", () => {
    expect(subnetOf("127.0.0.5")).toBeUndefined();
    expect(subnetOf("127.0.0.5", false)).toBe("127.0.0");
    expect(subnetOf("::1", false)).toBe("0:0:0:0:0:0:0:0");
    expect(subnetOf("198.19.7.200", false)).toBe("198.19.7");
  });
});
