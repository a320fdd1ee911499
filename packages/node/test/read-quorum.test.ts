import { utf8 } from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { identityFromSeed, sha256, signMutableRecord } from "../src/index.js";
import { resolveInit } from "../src/config/config.js";
import { chooseValue } from "../src/query/read-quorum.js";
import { Claims, Shortlist } from "../src/query/shortlist.js";
import type { FoundValue } from "../src/query/walk-types.js";
import { ValueClass, ValueJudge } from "../src/records/value-judge.js";

const key = new Uint8Array(32).fill(0x40);
/** A contact at distance `rank` from `key` (smaller: closer), in /24 `subnet`. */
function contact(rank: number, subnet: number): Contact {
  const id = key.slice();
  id[31] = rank;
  return { id, host: `198.18.${subnet}.${rank + 1}`, port: 4000 };
}
const found = (value: Uint8Array, from: Contact): FoundValue => ({ value, ttlMs: 1000, publisher: undefined, from });

describe("ValueJudge", () => {
  it("tells the content-addressed value, valid and forged signed records, and plain values apart", () => {
    const content = utf8("some content");
    expect(new ValueJudge(sha256(content)).judge(content).class).toBe(ValueClass.CONTENT);
    const record = signMutableRecord(identityFromSeed(new Uint8Array(32).fill(1)), { value: utf8("v"), seq: 3 });
    const judge = new ValueJudge(record.key);
    expect(judge.judge(record.bytes).class).toBe(ValueClass.SIGNED);
    const forged = record.bytes.slice();
    forged[forged.length - 1]! ^= 1;
    expect(judge.judge(forged).class).toBe(ValueClass.FORGED);
    expect(judge.judge(utf8("anything")).class).toBe(ValueClass.PLAIN);
    // An envelope bound to another key is just bytes for this one.
    expect(new ValueJudge(key).judge(record.bytes).class).toBe(ValueClass.PLAIN);
  });
});

describe("chooseValue", () => {
  const honest = utf8("honest"), lie = utf8("lie");

  it("returns the value most subnets among the k closest agree on, not the first or the closest", () => {
    const closest = Array.from({ length: 5 }, (_, i) => contact(i, i));
    const values = [found(lie, closest[0]!), found(lie, closest[1]!), found(honest, closest[2]!), found(honest, closest[3]!), found(honest, closest[4]!)];
    const choice = chooseValue(undefined, values, closest, new ValueJudge(key));
    expect(choice.chosen?.value).toEqual(honest);
    expect(choice.outvoted).toBe(2);
  });

  it("counts one vote per /24 for a value, and ties go to the value whose voter is closer", () => {
    // Three ids of one /24 say "lie", two of two /24s say "honest".
    const closest = [contact(0, 7), contact(1, 7), contact(2, 7), contact(3, 1), contact(4, 2)];
    const values = closest.map((c, i) => found(i < 3 ? lie : honest, c));
    expect(chooseValue(undefined, values, closest, new ValueJudge(key)).chosen?.value).toEqual(honest);
    // One /24 each: 1 against 1, the closer voter's value wins, whichever arrived first.
    const tie = [found(lie, contact(5, 2)), found(honest, contact(3, 1))];
    expect(chooseValue(undefined, tie, [contact(3, 1), contact(5, 2)], new ValueJudge(key)).chosen?.value).toEqual(honest);
  });

  it("lets only the k closest vote, unless none of them returned a value", () => {
    const closest = [contact(0, 0), contact(1, 1)];
    const far = [contact(50, 50), contact(51, 51), contact(52, 52)];
    const values = [found(honest, closest[0]!), ...far.map((c) => found(lie, c))];
    expect(chooseValue(undefined, values, closest, new ValueJudge(key)).chosen?.value).toEqual(honest);
    expect(chooseValue(undefined, values.slice(1), closest, new ValueJudge(key)).chosen?.value).toEqual(lie);
  });

  it("prefers a verified value to any number of unverified ones, and the newest signed record", () => {
    const owner = identityFromSeed(new Uint8Array(32).fill(2));
    const v1 = signMutableRecord(owner, { value: utf8("one"), seq: 1 });
    const v2 = signMutableRecord(owner, { value: utf8("two"), seq: 2 });
    const closest = Array.from({ length: 6 }, (_, i) => contact(i, i));
    const values = [found(lie, closest[0]!), found(lie, closest[1]!), found(lie, closest[2]!), found(v1.bytes, closest[3]!),
      found(v2.bytes, closest[4]!), found(v1.bytes, closest[5]!)];
    expect(chooseValue(undefined, values, closest, new ValueJudge(v1.key)).chosen?.value).toEqual(v2.bytes);
    const content = utf8("content");
    const stopped = found(content, closest[5]!);
    expect(chooseValue(stopped, [found(lie, closest[0]!), stopped], closest, new ValueJudge(sha256(content))).chosen).toBe(stopped);
  });
});

describe("Shortlist with shared claims (disjoint paths)", () => {
  it("takes a contact into one path only, by id or by address", () => {
    const target: NodeId = key;
    const claims = new Claims();
    const a = new Shortlist(target, 8, undefined, claims, 0);
    const b = new Shortlist(target, 8, undefined, claims, 1);
    const c1 = contact(1, 1);
    expect(a.offer(c1, 1)?.path).toBe(0);
    expect(b.offer(c1, 2)).toBeUndefined();
    expect(b.offer({ ...contact(2, 2), host: c1.host }, 2)).toBeUndefined();
    expect(b.offer(contact(3, 3), 2)?.path).toBe(1);
    expect(a.candidates).toHaveLength(1);
    expect(b.candidates).toHaveLength(1);
  });
});

describe("read settings", () => {
  it("default to the quorum and 3 disjoint paths, and refuse a path count that is not 1 to k", () => {
    const config = resolveInit();
    expect(config.readQuorum).toBe(true);
    expect(config.disjointPaths).toBe(3);
    for (const bad of [0, 1.5, 21]) expect(() => resolveInit({ disjointPaths: bad })).toThrow(/disjointPaths/);
    expect(resolveInit({ k: 8, disjointPaths: 8 }).disjointPaths).toBe(8);
    expect(resolveInit({ k: 2 }).disjointPaths).toBe(2);
  });
});
