import type { Contact } from "@plexus/core";
import { bytesKey } from "../ids/bytes-key.js";
import { ValueClass } from "../records/value-judge.js";
import type { ValueJudge } from "../records/value-judge.js";
import { subnetOf } from "../routing/subnet-limits.js";
import type { FoundValue } from "./walk-types.js";

/** The value a get returns, and how many received values disagreed with it. */
export interface ReadChoice {
  readonly chosen: FoundValue | undefined;
  /** Values received that differ from the chosen one (outvoted, or older signed records). */
  readonly outvoted: number;
}

/** One vote per subnet (IPv4 /24, IPv6 /64) per value; a loopback or non-IP responder votes by its id. */
function voterOf(contact: Contact): string {
  return subnetOf(contact.host) ?? `id:${bytesKey(contact.id)}`;
}

/** The valid signed record with the highest seq among `values`, if any (BEP 44: newest wins). */
function newestSigned(values: readonly FoundValue[], judge: ValueJudge): FoundValue | undefined {
  let best: FoundValue | undefined;
  let bestSeq = -1;
  for (const v of values) {
    const verdict = judge.judge(v.value);
    if (verdict.class === ValueClass.SIGNED && verdict.record.seq > bestSeq) {
      best = v;
      bestSeq = verdict.record.seq;
    }
  }
  return best;
}

/**
 * The plain value most replicas agree on. Only values from `closest` (the k closest that
 * answered: the replicas, paper 2.3) vote, unless none of them returned one (a walk cut short
 * by its deadline): then every responder does. Each distinct subnet counts once per value, so
 * one operator's many ids in one /24 are one vote (as in the routing table's limits). A tie
 * goes to the value whose closest voter is closer to the key: the order a plain Kademlia
 * get would have met them in.
 */
function majority(values: readonly FoundValue[], closest: readonly Contact[]): FoundValue | undefined {
  const rank = new Map<string, number>();
  closest.forEach((c, i) => rank.set(bytesKey(c.id), i));
  const fromClosest = values.filter((v) => rank.has(bytesKey(v.from.id)));
  const voting = fromClosest.length > 0 ? fromClosest : values;
  // Bound: one entry per distinct value among the votes (at most one per responder).
  const tally = new Map<string, { value: FoundValue; voters: Set<string>; first: number }>();
  voting.forEach((v, i) => {
    const key = bytesKey(v.value);
    const order = rank.get(bytesKey(v.from.id)) ?? closest.length + i;
    const entry = tally.get(key);
    if (entry === undefined) tally.set(key, { value: v, voters: new Set([voterOf(v.from)]), first: order });
    else {
      entry.voters.add(voterOf(v.from));
      if (order < entry.first) entry.first = order;
    }
  });
  let best: { value: FoundValue; voters: Set<string>; first: number } | undefined;
  for (const entry of tally.values()) {
    if (!best || entry.voters.size > best.voters.size || (entry.voters.size === best.voters.size && entry.first < best.first)) best = entry;
  }
  return best?.value;
}

/**
 * Picks what a get returns from the values its walk collected: a verified value beats any
 * number of unverified ones. A content-addressed value (the walk stopped at it) first; else
 * the newest valid signed record; else the plain value most of the k closest agree on.
 */
export function chooseValue(found: FoundValue | undefined, values: readonly FoundValue[], closest: readonly Contact[],
  judge: ValueJudge): ReadChoice {
  const chosen = found ?? newestSigned(values, judge) ?? majority(values, closest);
  if (chosen === undefined) return { chosen, outvoted: 0 };
  let outvoted = 0;
  for (const v of values) if (v.value !== chosen.value && bytesKey(v.value) !== bytesKey(chosen.value)) outvoted++;
  return { chosen, outvoted };
}
