import { SeededRandom } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { IdSet } from "../src/ids/id-set.js";

describe("IdSet", () => {
  it("adds each distinct id once, including ids that share their first 30 bits", () => {
    const random = new SeededRandom(11);
    const set = new IdSet();
    const ids: Uint8Array[] = [];
    for (let i = 0; i < 500; i++) ids.push(random.bytes(32).slice());
    // Three ids with the same 4-byte head that differ later, and one differing only in bit 31.
    const base = random.bytes(32).slice();
    const twins = [1, 2, 3].map((n) => { const t = base.slice(); t[31] = n; return t; });
    const lowBit = base.slice();
    lowBit[3] = base[3]! ^ 1;
    for (const id of [...ids, ...twins, lowBit]) expect(set.add(id)).toBe(true);
    for (const id of [...ids, ...twins, lowBit]) expect(set.add(id.slice())).toBe(false);
    expect(set.add(base)).toBe(true);
    expect(set.add(base.slice())).toBe(false);
  });
});
