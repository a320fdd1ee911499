import { describe, expect, it } from "vitest";
import { setNewest } from "../src/index.js";

describe("setNewest", () => {
  it("keeps at most max entries, forgetting the one least recently set", () => {
    const map = new Map<string, number>();
    for (const [key, value] of [["a", 1], ["b", 2], ["c", 3]] as const) setNewest(map, key, value, 3);
    setNewest(map, "a", 10, 3); // re-set: now the newest
    setNewest(map, "d", 4, 3); // over max: "b", the oldest, goes
    expect([...map]).toEqual([["c", 3], ["a", 10], ["d", 4]]);
  });
});
