import { describe, expect, it } from "vitest";
import { K, RoutingTable, bytesEqual, randomIdInBucket, type Contact } from "../src/index.js";
import { SeededRandom } from "../src/testing/index.js";
import { bruteClosest, contact } from "./helpers.js";

const self = new Uint8Array(32).fill(0x55);

function filled(seed: number, n: number, k = K): RoutingTable {
  const random = new SeededRandom(seed);
  const table = new RoutingTable(self, { k });
  for (let i = 0; i < n; i++) table.add(contact(random.bytes(32), 1000 + i));
  return table;
}

describe("RoutingTable basics", () => {
  it("ignores itself and copies its own id", () => {
    const mine = self.slice();
    const table = new RoutingTable(mine);
    mine[0] = 0;
    expect(table.self).toEqual(self);
    expect(table.k).toBe(K);
    expect(table.add(contact(self))).toEqual({ status: "self" });
    expect(table.size).toBe(0);
    expect(table.bucketIndexOf(self)).toBe(-1);
    expect(table.remove(self)).toBeUndefined();
    expect(table.get(self)).toBeUndefined();
  });

  it("adds, updates, gets and removes", () => {
    const table = new RoutingTable(self, { k: 2 });
    const r = new SeededRandom(1);
    const a = contact(randomIdInBucket(self, 0, r), 1);
    const b = contact(randomIdInBucket(self, 0, r), 2);
    const z = contact(randomIdInBucket(self, 7, r), 3);
    expect(table.add(a)).toEqual({ status: "added" });
    expect(table.add(b)).toEqual({ status: "added" });
    expect(table.add(z)).toEqual({ status: "added" });
    expect(table.size).toBe(3);
    expect(table.add({ ...a, port: 9 })).toEqual({ status: "updated" });
    expect(table.get(a.id)?.port).toBe(9);
    expect(table.bucketContacts(0).map((x) => x.port)).toEqual([2, 9]);
    expect(table.oldest(0)).toBe(b);
    expect(table.nonEmptyBuckets()).toEqual([0, 7]);
    expect(table.bucketIndexOf(z.id)).toBe(7);
    expect(table.has(z.id)).toBe(true);
    expect(table.remove(z.id)).toBe(z);
    expect(table.has(z.id)).toBe(false);
    expect(table.nonEmptyBuckets()).toEqual([0]);
    expect(table.size).toBe(2);
    expect(table.bucketContacts(7)).toEqual([]);
    expect(table.bucketContacts(200)).toEqual([]);
    expect(table.oldest(200)).toBeUndefined();
    expect(table.bucketSize(0)).toBe(2);
    expect(table.bucketSize(7)).toBe(0);
    expect(table.bucketSize(200)).toBe(0);
    expect(() => table.bucketSize(256)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
  });

  it("reports a full bucket with its oldest contact and promotes on remove (paper 4.1)", () => {
    const table = new RoutingTable(self, { k: 2, replacementCacheSize: 1 });
    const r = new SeededRandom(2);
    const [a, b, c, d] = [1, 2, 3, 4].map((p) => contact(randomIdInBucket(self, 3, r), p)) as [Contact, Contact, Contact, Contact];
    table.add(a);
    table.add(b);
    expect(table.add(c)).toEqual({ status: "full", oldest: a });
    expect(table.add(d)).toEqual({ status: "full", oldest: a }); // d replaces c in the cache of 1
    expect(table.has(c.id)).toBe(false);
    // a answered the ping: seen again, so b becomes the oldest.
    expect(table.add(a)).toEqual({ status: "updated" });
    expect(table.oldest(3)).toBe(b);
    // b failed the ping.
    expect(table.remove(b.id)).toBe(b);
    expect(table.bucketContacts(3)).toEqual([a, d]);
    expect(table.size).toBe(2);
    // A contact only in a replacement cache is not in the table: remove discards it, returns undefined.
    table.add(c);
    expect(table.remove(c.id)).toBeUndefined();
    table.remove(a.id);
    expect(table.bucketContacts(3)).toEqual([d]); // c was discarded, nothing to promote
  });

  it("snapshots: bucketContacts and contacts() survive changes while iterating", () => {
    const random = new SeededRandom(3);
    const table = new RoutingTable(self, { k: 4, replacementCacheSize: 0 });
    for (let i = 0; i < 200; i++) table.add(contact(random.bytes(32), i));
    const before = [...table.contacts()];
    expect(before).toHaveLength(table.size);
    let seen = 0;
    for (const c of table.contacts()) {
      expect(table.remove(c.id)).toBe(c);
      seen++;
    }
    expect(seen).toBe(before.length);
    expect(table.size).toBe(0);
    expect(table.nonEmptyBuckets()).toEqual([]);

    const full = filled(3, 50);
    const snap = full.bucketContacts(0) as Contact[];
    snap.pop();
    expect(full.bucketContacts(0)).toHaveLength(snap.length + 1);
  });

  it("closest() handles count 0, Infinity, exclude, and a target equal to self or a contact", () => {
    const table = filled(4, 500);
    const all = [...table.contacts()];
    expect(table.closest(self, 0)).toEqual([]);
    expect(table.closest(self, Infinity)).toEqual(bruteClosest(all, self, Infinity));
    expect(table.closest(self)).toHaveLength(K);
    const first = all[17]!;
    expect(table.closest(first.id, 1)).toEqual([first]);
    const odd = (c: Contact): boolean => (c.port & 1) === 1;
    expect(table.closest(first.id, 30, odd)).toEqual(bruteClosest(all, first.id, 30, odd));
    expect(table.closest(first.id, 30, odd).every((c) => !odd(c))).toBe(true);
  });

  it("validates arguments", () => {
    const table = new RoutingTable(self);
    const code = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (err) {
        return (err as { code?: unknown }).code;
      }
      return undefined;
    };
    expect(code(() => new RoutingTable(new Uint8Array(31)))).toBe("ERR_INVALID_ID");
    expect(code(() => new RoutingTable(self, { k: 0 }))).toBe("ERR_INVALID_ARGUMENT");
    expect(code(() => new RoutingTable(self, { k: 1.5 }))).toBe("ERR_INVALID_ARGUMENT");
    expect(code(() => new RoutingTable(self, { replacementCacheSize: -1 }))).toBe("ERR_INVALID_ARGUMENT");
    expect(code(() => table.add(contact(new Uint8Array(20))))).toBe("ERR_INVALID_ID");
    expect(code(() => table.closest(new Uint8Array(3)))).toBe("ERR_INVALID_ID");
    expect(code(() => table.closest(self, -1))).toBe("ERR_INVALID_ARGUMENT");
    expect(code(() => table.closest(self, 2.5))).toBe("ERR_INVALID_ARGUMENT");
    expect(code(() => table.bucketContacts(256))).toBe("ERR_INVALID_ARGUMENT");
    expect(code(() => table.oldest(-1))).toBe("ERR_INVALID_ARGUMENT");
    expect(code(() => table.get(new Uint8Array(0)))).toBe("ERR_INVALID_ID");
  });

  it("allocates buckets lazily: a 10k-node view uses about log2(n) buckets", () => {
    const table = filled(5, 10_000);
    const buckets = table.nonEmptyBuckets();
    expect(buckets.at(-1)!).toBeLessThan(30);
    expect(table.size).toBeLessThanOrEqual(buckets.length * K);
    for (const i of buckets) {
      for (const c of table.bucketContacts(i)) expect(table.bucketIndexOf(c.id)).toBe(i);
    }
    expect(bytesEqual(table.self, self)).toBe(true);
  });
});

describe("RoutingTable.rebase (an id bound to its address, docs/protocol.md 10.9)", () => {
  it("re-places every contact by its distance to the new owner id and returns those that found no room", () => {
    const table = new RoutingTable(new Uint8Array(32), { k: 2 });
    const ids: Uint8Array[] = [];
    for (let i = 1; i <= 24; i++) {
      const id = new Uint8Array(32);
      id[0] = i * 10;
      id[31] = i;
      ids.push(id);
      table.add({ id, host: "198.18.0.1", port: i });
    }
    const before = [...table.contacts()];
    const next = new Uint8Array(32).fill(0xff);
    const dropped = table.rebase(next);
    expect(table.self).toEqual(next);
    const after = [...table.contacts()];
    expect(after.length + dropped.length).toBe(before.length);
    for (const c of after) {
      expect(table.bucketIndexOf(c.id)).toBeGreaterThanOrEqual(0);
      expect(table.get(c.id)).toBe(c);
    }
    for (let i = 0; i < 256; i++) expect(table.bucketSize(i)).toBeLessThanOrEqual(2);
    expect(table.size).toBe(after.length);
  });
});
