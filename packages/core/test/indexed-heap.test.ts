import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IndexedHeap, type Indexed } from "../src/indexed-heap.js";

interface Item extends Indexed {
  expiresAt: number;
  readonly id: number;
}

const expiresFirst = (a: Item, b: Item): boolean => a.expiresAt < b.expiresAt;

type Op =
  | { type: "push"; at: number }
  | { type: "pop" }
  | { type: "remove"; pick: number }
  | { type: "replace"; pick: number; at: number }
  | { type: "rekey"; pick: number; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant("push" as const), at: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ type: fc.constant("pop" as const) }),
  fc.record({ type: fc.constant("remove" as const), pick: fc.nat() }),
  fc.record({ type: fc.constant("replace" as const), pick: fc.nat(), at: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ type: fc.constant("rekey" as const), pick: fc.nat(), at: fc.integer({ min: 0, max: 50 }) }),
);

describe("IndexedHeap", () => {
  it("matches a sorted-array oracle under push, pop, remove, replace and update", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap = new IndexedHeap<Item>(expiresFirst);
        let model: Item[] = [];
        let nextId = 0;
        for (const o of ops) {
          if (o.type === "push") {
            const item = { id: nextId++, expiresAt: o.at, heapIndex: -1 };
            heap.push(item);
            model.push(item);
          } else if (o.type === "pop") {
            const min = Math.min(...model.map((m) => m.expiresAt));
            const got = heap.pop();
            if (model.length === 0) expect(got).toBeUndefined();
            else expect(got?.expiresAt).toBe(min);
            model = model.filter((m) => m !== got);
          } else if (model.length > 0) {
            const victim = model[o.pick % model.length]!;
            if (o.type === "remove") {
              heap.remove(victim);
              heap.remove(victim); // second removal is a no-op
              model = model.filter((m) => m !== victim);
            } else if (o.type === "rekey") {
              victim.expiresAt = o.at;
              heap.update(victim);
            } else {
              const next = { id: nextId++, expiresAt: o.at, heapIndex: -1 };
              heap.replace(victim, next);
              model = model.map((m) => (m === victim ? next : m));
              expect(victim.heapIndex).toBe(-1);
            }
          }
          expect(heap.size).toBe(model.length);
          if (model.length > 0) expect(heap.peek()?.expiresAt).toBe(Math.min(...model.map((m) => m.expiresAt)));
        }
        const drained: number[] = [];
        for (let item = heap.pop(); item !== undefined; item = heap.pop()) drained.push(item.expiresAt);
        expect(drained).toEqual(model.map((m) => m.expiresAt).sort((a, b) => a - b));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("clear empties the heap and detaches items", () => {
    const heap = new IndexedHeap<Item>(expiresFirst);
    const a = { id: 1, expiresAt: 5, heapIndex: -1 };
    heap.push(a);
    heap.clear();
    expect([heap.size, heap.peek(), a.heapIndex]).toEqual([0, undefined, -1]);
  });
});
