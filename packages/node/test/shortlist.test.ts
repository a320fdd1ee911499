import fc from "fast-check";
import { addressKey, bytesEqual, compareDistance } from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { CandidateState, Claims, Shortlist } from "../src/query/shortlist.js";
import type { ShortlistRules } from "../src/query/shortlist.js";

const id32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
/** A contact at an address of its own (derived from its id). */
const contact = (id: NodeId): Contact => ({ id, host: id.join("."), port: 1 });

/**
 * The reference model of offers in sequence: a contact enters when fewer than `capacity`
 * held ones are closer, its address was not taken by one that entered before, and its id is
 * new; a contact past the capacity marks its id seen; the list keeps the `capacity` closest.
 */
function model(offers: readonly Contact[], target: NodeId, capacity: number, self: NodeId): Contact[] {
  let list: Contact[] = [];
  const ids: NodeId[] = [self];
  const taken = new Set<string>();
  const seen = (id: NodeId): boolean => ids.some((other) => bytesEqual(other, id));
  for (const c of offers) {
    if (list.filter((held) => compareDistance(held.id, c.id, target) < 0).length >= capacity) {
      if (!seen(c.id)) ids.push(c.id);
      continue;
    }
    if (taken.has(addressKey(c)) || seen(c.id)) continue;
    ids.push(c.id);
    taken.add(addressKey(c));
    list = [...list, c].sort((a, b) => compareDistance(a.id, b.id, target)).slice(0, capacity);
  }
  return list;
}

/** The oracle: the `capacity` closest distinct ids to `target`, without `self`, by brute force. */
function closestDistinct(ids: readonly NodeId[], target: NodeId, capacity: number, self: NodeId): NodeId[] {
  const distinct: NodeId[] = [];
  for (const id of ids) if (!bytesEqual(id, self) && !distinct.some((d) => bytesEqual(d, id))) distinct.push(id);
  return distinct.sort((a, b) => compareDistance(a, b, target)).slice(0, capacity);
}

describe("Shortlist (a lookup's candidates)", () => {
  it("holds exactly the capacity closest distinct contacts offered, closest first, never this node", () => {
    fc.assert(fc.property(
      id32, id32, fc.integer({ min: 1, max: 12 }), fc.array(id32, { maxLength: 80 }), fc.array(fc.nat(79), { maxLength: 20 }),
      (target, self, capacity, ids, repeats) => {
        const list = new Shortlist(target, capacity, self);
        // Repeats and this node's own id among the offers must change nothing.
        const offers = [...ids, ...repeats.filter((i) => i < ids.length).map((i) => ids[i]!), self];
        for (const id of offers) list.offer(contact(id), 1);
        expect(list.candidates.map((c) => c.contact.id)).toEqual(closestDistinct(offers, target, capacity, self));
      },
    ), { numRuns: 500, seed: 15 });
  }, 30_000); // ~0.7 s here, one of the heaviest node unit tests

  it("takes an address once, whatever ids it comes under: as the reference model, on a small pool of addresses", () => {
    const port = fc.integer({ min: 1, max: 6 });
    fc.assert(fc.property(
      id32, id32, fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(id32, port), { maxLength: 60 }),
      (target, self, capacity, offered) => {
        const list = new Shortlist(target, capacity, self);
        const offers = offered.map(([id, p]): Contact => ({ id, host: "198.18.0.1", port: p }));
        for (const c of offers) list.offer(c, 1);
        const held = list.candidates.map((c) => c.contact);
        expect(held).toEqual(model(offers, target, capacity, self));
        expect(new Set(held.map(addressKey)).size).toBe(held.length);
      },
    ), { numRuns: 500, seed: 17 });
  }, 30_000);

  it("a reply listing 20 ids at one address adds one candidate; the same id at its own address still enters", () => {
    const target = new Uint8Array(32);
    const list = new Shortlist(target, 80);
    const at = (b: number, host: string, port: number): Contact => ({ id: new Uint8Array(32).fill(b), host, port });
    const fakes = Array.from({ length: 20 }, (_, i) => at(i + 1, "198.18.0.9", 4000));
    expect(fakes.map((c) => list.offer(c, 2)).filter((c) => c !== undefined)).toHaveLength(1);
    expect(list.candidates).toHaveLength(1);
    // Ids 2..20 were dropped for their address, not their id: at addresses of their own they enter.
    expect(list.offer(at(2, "198.18.0.2", 4000), 2)).toBeDefined();
    expect(list.offer(at(1, "198.18.0.1", 4000), 2)).toBeUndefined(); // id 1 entered already
    expect(list.candidates.map((c) => c.contact.id[0])).toEqual([1, 2]);
  });

  it("keeps a candidate in flight even when closer ones push it past the capacity", () => {
    fc.assert(fc.property(id32, fc.array(id32, { minLength: 2, maxLength: 40 }), fc.integer({ min: 1, max: 4 }),
      (target, ids, capacity) => {
        const self = new Uint8Array(32).fill(0xff);
        const list = new Shortlist(target, capacity, self);
        const sorted = closestDistinct(ids, target, ids.length, self);
        // The farthest first, put in flight, then every closer one.
        const far = list.offer(contact(sorted[sorted.length - 1]!), 1);
        if (far) far.state = CandidateState.PENDING;
        for (const id of sorted.slice(0, -1)) list.offer(contact(id), 2);
        if (far) expect(list.candidates).toContain(far);
        const ordered = list.candidates.map((c) => c.contact.id);
        expect(ordered).toEqual([...ordered].sort((a, b) => compareDistance(a, b, target)));
      },
    ), { numRuns: 300, seed: 16 });
  });

  it("never takes back a candidate that failed, and reports the answered ones with the hop of the closest", () => {
    const target = new Uint8Array(32);
    const ids = [1, 2, 3, 4].map((b) => new Uint8Array(32).fill(b));
    const list = new Shortlist(target, 8);
    const [a, b, c, d] = ids.map((id, i) => list.offer(contact(id), i + 1)!);
    list.remove(a!);
    expect(list.offer(contact(ids[0]!), 1)).toBeUndefined();
    expect(list.converged(2)).toBe(false);
    b!.state = CandidateState.ANSWERED;
    c!.state = CandidateState.ANSWERED;
    expect(list.converged(2)).toBe(true);
    expect(list.converged(3)).toBe(false);
    d!.state = CandidateState.STALLED;
    const answered = list.answered(3);
    expect(answered.closest.map((x) => x.id)).toEqual([ids[1], ids[2]]);
    expect(answered.rounds).toBe(2);
  });

  it("with rules (address-bound ids, docs/protocol.md 10.9): refuses unadmitted contacts for good, holds at most perSubnet of a subnet across the paths, frees a slot on failure", () => {
    const target = new Uint8Array(32);
    const rules: ShortlistRules = {
      admits: (c) => c.port !== 666,
      subnetOf: (host) => (host.startsWith("198.18.") ? host.split(".").slice(0, 3).join(".") : undefined),
      perSubnet: 2,
    };
    const claims = new Claims();
    const a = new Shortlist(target, 16, undefined, claims, 0, rules);
    const b = new Shortlist(target, 16, undefined, claims, 1, rules);
    const at = (n: number, host: string, port = 1): Contact => ({ id: new Uint8Array(32).fill(n), host, port });
    expect(a.offer(at(9, "198.18.5.1", 666), 1)).toBeUndefined();
    expect(a.offer(at(9, "198.18.6.1"), 1)).toBeUndefined(); // refused for good: its id was seen
    const first = a.offer(at(1, "198.18.7.1"), 1)!;
    expect(b.offer(at(2, "198.18.7.2"), 1)).toBeDefined();
    expect(a.offer(at(3, "198.18.7.3"), 1)).toBeUndefined(); // a third of 198.18.7.0/24 on either path
    expect(b.offer(at(4, "127.0.0.1", 7), 1)).toBeDefined(); // no subnet counted
    a.remove(first);
    expect(a.offer(at(3, "198.18.7.3"), 1)).toBeDefined(); // refused for its subnet only: may enter later
  });
});
