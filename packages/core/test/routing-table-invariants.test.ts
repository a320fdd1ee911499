import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RoutingTable, bucketIndex, bytesEqual, idToHex, type AddResult, type Contact } from "../src/index.js";
import { arbId, contact, idWithPrefix } from "./helpers.js";

/**
 * Model-based: a deliberately naive model (a list per bucket, a replacement list per
 * bucket) is driven with the same add/remove sequence as the table; after every step the
 * table must agree with the model and keep its invariants.
 */
interface Model {
  live: Map<number, Contact[]>;
  cache: Map<number, Contact[]>;
}

function modelAdd(m: Model, self: Uint8Array, c: Contact, k: number, r: number): AddResult {
  const i = bucketIndex(self, c.id);
  if (i < 0) return { status: "self" };
  const same = (x: Contact): boolean => bytesEqual(x.id, c.id);
  const live = m.live.get(i) ?? [];
  const cache = m.cache.get(i) ?? [];
  if (live.some(same)) {
    m.live.set(i, [...live.filter((x) => !same(x)), c]);
    return { status: "updated" };
  }
  if (live.length < k) {
    m.live.set(i, [...live, c]);
    m.cache.set(i, cache.filter((x) => !same(x)));
    return { status: "added" };
  }
  if (r > 0) m.cache.set(i, [...cache.filter((x) => !same(x)), c].slice(-r));
  return { status: "full", oldest: live[0]! };
}

function modelRemove(m: Model, self: Uint8Array, id: Uint8Array): Contact | undefined {
  const i = bucketIndex(self, id);
  if (i < 0) return undefined;
  const live = m.live.get(i) ?? [];
  const cache = m.cache.get(i) ?? [];
  const gone = live.find((x) => bytesEqual(x.id, id));
  if (!gone) {
    m.cache.set(i, cache.filter((x) => !bytesEqual(x.id, id)));
    return undefined;
  }
  const rest = live.filter((x) => x !== gone);
  const promoted = cache.at(-1);
  m.live.set(i, promoted ? [...rest, promoted] : rest);
  m.cache.set(i, cache.slice(0, -1));
  return gone;
}

/** The pool below only uses buckets 0..MAX_CPL: few buckets, so they fill and overflow. */
const MAX_CPL = 2;

/** Checks the table against the model and its own invariants; one `expect` per step (speed). */
function checkInvariants(table: RoutingTable, m: Model): void {
  const violations: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  const nonEmpty: number[] = [];
  const actual: Contact[][] = [];
  const expected: Contact[][] = [];
  for (let i = 0; i <= MAX_CPL; i++) {
    const list = table.bucketContacts(i);
    actual.push([...list]); // members and least-recently-seen order
    expected.push(m.live.get(i) ?? []);
    if (list.length > table.k) violations.push(`bucket ${i} holds ${list.length} > k`);
    if (table.oldest(i) !== list[0]) violations.push(`oldest(${i}) is not the head`);
    if (list.length > 0) nonEmpty.push(i);
    for (const c of list) {
      if (table.bucketIndexOf(c.id) !== i) violations.push(`${idToHex(c.id)} in the wrong bucket`);
      if (table.get(c.id) !== c) violations.push(`get() misses ${idToHex(c.id)}`);
      const hex = idToHex(c.id);
      if (seen.has(hex)) violations.push(`duplicate ${hex}`);
      seen.add(hex);
      total++;
    }
  }
  if (table.size !== total) violations.push(`size ${table.size} != ${total}`);
  if (table.nonEmptyBuckets().join() !== nonEmpty.join()) violations.push("nonEmptyBuckets() disagrees");
  if ([...table.contacts()].length !== total) violations.push("contacts() disagrees");
  expect({ buckets: actual, violations }).toEqual({ buckets: expected, violations: [] });
}

describe("RoutingTable invariants (model-based)", () => {
  it("agrees with a naive model after any sequence of add and remove", () => {
    const arbOp = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("add" as const), n: fc.nat(), port: fc.nat(3) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), n: fc.nat() }) },
    );
    fc.assert(
      fc.property(
        arbId(),
        // A small pool of ids in a few buckets, so buckets fill, ids repeat and removals hit.
        fc.array(fc.tuple(fc.integer({ min: 0, max: MAX_CPL }), arbId()), { minLength: 1, maxLength: 16, size: "max" }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(arbOp, { maxLength: 80, size: "max" }),
        (self, poolSpec, k, r, ops) => {
          const pool = [self, ...poolSpec.map(([cpl, noise]) => idWithPrefix(self, cpl, noise))];
          const table = new RoutingTable(self, { k, replacementCacheSize: r });
          const model: Model = { live: new Map(), cache: new Map() };
          for (const op of ops) {
            const id = pool[op.n % pool.length]!;
            if (op.kind === "add") {
              const c = contact(id, 7000 + op.port);
              expect(table.add(c)).toEqual(modelAdd(model, self, c, k, r));
            } else {
              expect(table.remove(id)).toBe(modelRemove(model, self, id));
            }
            checkInvariants(table, model);
          }
        },
      ),
      { seed: 2120, numRuns: 800 },
    );
  }, 30_000);
});
