import { describe, expect, it } from "vitest";
import { createCryptoRandom } from "../src/index.js";

describe("createCryptoRandom (platform/crypto-random.ts)", () => {
  it("hands out fresh arrays of the asked length from its pool, across refills, and longer ones past it", () => {
    const random = createCryptoRandom();
    const seen = new Set<string>();
    const first = random.bytes(16);
    const copy = first.slice();
    for (let i = 0; i < 600; i++) { // ~2.3 refills of the 4 KiB pool
      const b = random.bytes(16);
      expect(b.length).toBe(16);
      expect(b.byteLength).toBe(b.buffer.byteLength); // its own buffer, not a view of the pool
      seen.add(Buffer.from(b).toString("hex"));
    }
    expect(first).toEqual(copy); // later draws never touch what was handed out
    expect(seen.size).toBe(600); // 128-bit draws: any repeat would be a pool bug
    expect(random.bytes(1000).length).toBe(1000);
    expect(random.bytes(0).length).toBe(0);
    const ints = Array.from({ length: 100 }, () => random.int(10));
    expect(ints.every((n) => Number.isInteger(n) && n >= 0 && n < 10)).toBe(true);
  });
});
