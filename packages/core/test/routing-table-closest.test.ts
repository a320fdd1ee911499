import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RoutingTable, type Contact, type NodeId } from "../src/index.js";
import { SeededRandom } from "../src/testing/index.js";
import { arbId, bruteClosest, contact, idWithPrefix } from "./helpers.js";

/** Bucket indices biased to exercise shallow, deep and last buckets alike. */
const arbCpl = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 248, max: 255 }));

type Op = { kind: "add"; cpl: number; noise: Uint8Array; port: number } | { kind: "remove"; pick: number };
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("add" as const), cpl: arbCpl, noise: arbId(), port: fc.nat(65535) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
);

type TargetSpec =
  | { kind: "random"; id: NodeId }
  | { kind: "self" }
  | { kind: "near-self"; cpl: number; noise: Uint8Array }
  | { kind: "contact"; pick: number; flipBit: number | null };
const arbTarget: fc.Arbitrary<TargetSpec> = fc.oneof(
  fc.record({ kind: fc.constant("random" as const), id: arbId() }),
  fc.record({ kind: fc.constant("self" as const) }),
  fc.record({ kind: fc.constant("near-self" as const), cpl: arbCpl, noise: arbId() }),
  fc.record({ kind: fc.constant("contact" as const), pick: fc.nat(), flipBit: fc.option(fc.integer({ min: 0, max: 255 })) }),
);

function resolveTarget(spec: TargetSpec, self: NodeId, known: readonly Contact[]): NodeId {
  switch (spec.kind) {
    case "random":
      return spec.id;
    case "self":
      return self;
    case "near-self":
      return idWithPrefix(self, spec.cpl, spec.noise);
    case "contact": {
      const base = known.length > 0 ? known[spec.pick % known.length]!.id : self;
      const id = base.slice();
      if (spec.flipBit !== null) id[spec.flipBit >> 3]! ^= 0x80 >> (spec.flipBit & 7);
      return id;
    }
  }
}

describe("RoutingTable.closest() against a brute-force oracle", () => {
  it("returns exactly the brute-force k closest, for any table, target, count and filter", () => {
    fc.assert(
      fc.property(
        arbId(),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(arbOp, { maxLength: 120, size: "max" }),
        fc.array(
          fc.record({
            target: arbTarget,
            count: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(undefined), fc.constant(Infinity)),
            exclude: fc.option(fc.integer({ min: 2, max: 4 })),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (self, k, cache, ops, queries) => {
          const table = new RoutingTable(self, { k, replacementCacheSize: cache });
          const added: Contact[] = [];
          for (const op of ops) {
            if (op.kind === "add") {
              const c = contact(idWithPrefix(self, op.cpl, op.noise), op.port);
              added.push(c);
              table.add(c);
            } else if (added.length > 0) {
              table.remove(added[op.pick % added.length]!.id);
            }
          }
          const all = [...table.contacts()];
          expect(all).toHaveLength(table.size);
          for (const q of queries) {
            const target = resolveTarget(q.target, self, all);
            const modulo = q.exclude;
            const exclude = modulo === null ? undefined : (c: Contact): boolean => c.port % modulo === 0;
            const count = q.count ?? k;
            const expected = bruteClosest(all, target, count, exclude);
            expect(table.closest(target, q.count, exclude)).toEqual(expected);
          }
        },
      ),
      { seed: 3684, numRuns: 1000 },
    );
  }, 30_000);

  it("matches the oracle on large random tables (seeds 1..5, 2,000 ids, k = 20)", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const random = new SeededRandom(seed);
      const self = random.bytes(32);
      const table = new RoutingTable(self);
      for (let i = 0; i < 2000; i++) table.add(contact(random.bytes(32), i));
      const all = [...table.contacts()];
      for (let q = 0; q < 100; q++) {
        const target = q % 10 === 0 ? self : random.bytes(32);
        const count = 1 + random.int(40);
        expect(table.closest(target, count)).toEqual(bruteClosest(all, target, count));
      }
    }
  }, 30_000);

  it("stays exact when exclude itself calls closest (re-entrant), seed 8", () => {
    const random = new SeededRandom(8);
    const table = new RoutingTable(random.bytes(32));
    for (let i = 0; i < 300; i++) table.add(contact(random.bytes(32), i));
    const all = [...table.contacts()];
    for (let q = 0; q < 20; q++) {
      const target = random.bytes(32);
      const inner = random.bytes(32);
      const exclude = (c: Contact): boolean => {
        expect(table.closest(inner, 7)).toEqual(bruteClosest(all, inner, 7));
        return c.port % 3 === 0;
      };
      expect(table.closest(target, 25, exclude)).toEqual(bruteClosest(all, target, 25, (c) => c.port % 3 === 0));
    }
  });

  it("returns fresh arrays the caller may keep and change", () => {
    const random = new SeededRandom(9);
    const table = new RoutingTable(random.bytes(32));
    for (let i = 0; i < 100; i++) table.add(contact(random.bytes(32), i));
    const target = random.bytes(32);
    const a = table.closest(target);
    a.length = 0;
    expect(table.closest(target)).toHaveLength(20);
  });
});
