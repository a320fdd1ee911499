import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KBucket, REPLACEMENT_CACHE_SIZE, K, bytesEqual, type Contact } from "../src/index.js";
import { contact } from "./helpers.js";

/** Contact number `n` of a small pool: ids differ in the last byte. */
function c(n: number, port = 4000): Contact {
  const id = new Uint8Array(32);
  id[31] = n;
  return contact(id, port);
}
const ports = (list: readonly Contact[]): number[] => list.map((x) => x.id[31]!);

describe("KBucket", () => {
  it("defaults to K and REPLACEMENT_CACHE_SIZE", () => {
    const b = new KBucket();
    expect(b.k).toBe(K);
    expect(b.replacementCacheSize).toBe(REPLACEMENT_CACHE_SIZE);
    expect(b.size).toBe(0);
    expect(b.oldest()).toBeUndefined();
    expect(b.replacements).toEqual([]);
  });

  it("keeps least-recently-seen order and refreshes addresses", () => {
    const b = new KBucket(3, 2);
    expect(b.add(c(1))).toBe("added");
    expect(b.add(c(2))).toBe("added");
    expect(b.add(c(3))).toBe("added");
    expect(ports(b.contacts)).toEqual([1, 2, 3]);
    expect(b.add(c(1, 5000))).toBe("updated");
    expect(ports(b.contacts)).toEqual([2, 3, 1]);
    expect(b.get(c(1).id)?.port).toBe(5000);
    expect(b.oldest()?.id).toEqual(c(2).id);
    expect(b.isFull).toBe(true);
  });

  it("puts overflow in a bounded replacement cache and promotes the most recent on remove", () => {
    const b = new KBucket(2, 2);
    b.add(c(1));
    b.add(c(2));
    expect(b.add(c(3))).toBe("full");
    expect(b.add(c(4))).toBe("full");
    expect(b.add(c(5))).toBe("full"); // drops 3, the least recent replacement
    expect(ports(b.replacements)).toEqual([4, 5]);
    expect(b.add(c(4, 6000))).toBe("full"); // seen again: most recent, address refreshed
    expect(ports(b.replacements)).toEqual([5, 4]);
    expect(b.has(c(4).id)).toBe(false);

    expect(b.remove(c(1).id)?.id).toEqual(c(1).id);
    expect(ports(b.contacts)).toEqual([2, 4]);
    expect(b.get(c(4).id)?.port).toBe(6000);
    expect(ports(b.replacements)).toEqual([5]);
    expect(b.remove(c(1).id)).toBeUndefined();
    expect(b.removeReplacement(c(5).id)?.id).toEqual(c(5).id);
    expect(b.remove(c(2).id)).toBeDefined();
    expect(ports(b.contacts)).toEqual([4]);
  });

  it("works with no replacement cache", () => {
    const b = new KBucket(1, 0);
    b.add(c(1));
    expect(b.add(c(2))).toBe("full");
    expect(b.replacements).toEqual([]);
    b.remove(c(1).id);
    expect(b.size).toBe(0);
  });

  it.each([
    [0, 1],
    [1.5, 1],
    [1, -1],
    [Number.NaN, 1],
  ])("rejects k=%d, replacementCacheSize=%d", (k, r) => {
    expect(() => new KBucket(k, r)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
  });

  it("keeps its invariants under any sequence of add and remove (model-based)", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), n: fc.integer({ min: 0, max: 11 }), port: fc.nat(9) }),
      fc.record({ kind: fc.constant("remove" as const), n: fc.integer({ min: 0, max: 11 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }), fc.array(op, { maxLength: 60, size: "max" }), (k, r, ops) => {
        const b = new KBucket(k, r);
        // Model: plain arrays, oldest first.
        let live: Contact[] = [];
        let cache: Contact[] = [];
        const same = (x: Contact, n: number): boolean => x.id[31] === n;
        for (const o of ops) {
          if (o.kind === "add") {
            const ct = c(o.n, o.port);
            const expected = live.some((x) => same(x, o.n)) ? "updated" : live.length < k ? "added" : "full";
            expect(b.add(ct)).toBe(expected);
            if (expected === "full") {
              if (r > 0) cache = [...cache.filter((x) => !same(x, o.n)), ct].slice(-r);
            } else {
              live = [...live.filter((x) => !same(x, o.n)), ct];
              cache = cache.filter((x) => !same(x, o.n));
            }
          } else {
            const had = live.find((x) => same(x, o.n));
            expect(b.remove(c(o.n).id)).toBe(had);
            if (had) {
              live = live.filter((x) => x !== had);
              const promoted = cache.pop();
              if (promoted) live.push(promoted);
            }
          }
          expect(b.contacts).toEqual(live);
          expect(b.replacements).toEqual(cache);
          expect(b.size).toBeLessThanOrEqual(k);
          expect(b.replacements.length).toBeLessThanOrEqual(r);
          const all = [...b.contacts, ...b.replacements];
          for (let i = 0; i < all.length; i++) {
            for (let j = i + 1; j < all.length; j++) expect(bytesEqual(all[i]!.id, all[j]!.id)).toBe(false);
          }
          if (b.replacements.length > 0) expect(b.isFull).toBe(true);
        }
      }),
      { seed: 1392, numRuns: 300 },
    );
  }, 30_000);

  it("keeps idPrefixes parallel to contacts and finds ids whose prefixes collide", () => {
    // Ids share their first byte in threes (one with the sign bit set), so prefix matches
    // between different ids are common and the full compare has to decide.
    const idOf = (n: number): Uint8Array => {
      const id = new Uint8Array(32);
      id[0] = (n % 3) * 0x7f;
      id[31] = n;
      return id;
    };
    const prefixOf = (id: Uint8Array): number => new DataView(id.buffer, id.byteOffset, 4).getInt32(0);
    const op = fc.record({ add: fc.boolean(), n: fc.integer({ min: 0, max: 11 }), port: fc.nat(3) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.array(op, { maxLength: 80 }), (k, r, ops) => {
        const b = new KBucket(k, r);
        for (const o of ops) {
          if (o.add) b.add(contact(idOf(o.n), o.port));
          else b.remove(idOf(o.n));
          expect(b.idPrefixes).toEqual(b.contacts.map((x) => prefixOf(x.id)));
          for (let n = 0; n < 12; n++) {
            const at = b.contacts.findIndex((x) => bytesEqual(x.id, idOf(n)));
            expect(b.indexOf(idOf(n))).toBe(at);
            expect(b.get(idOf(n))).toBe(at === -1 ? undefined : b.contacts[at]);
            expect(b.has(idOf(n))).toBe(at !== -1);
          }
        }
      }),
      { seed: 1393, numRuns: 300 },
    );
  }, 30_000);
});
