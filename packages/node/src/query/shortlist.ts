import { addressKey, compareDistance } from "@plexus/core";
import type { Cancel, Contact, NodeId } from "@plexus/core";
import type { RpcCall } from "../rpc/rpc.js";
import { IdSet } from "../ids/id-set.js";

/** Where a candidate stands in a lookup. */
export const CandidateState = {
  /** Not asked yet. */
  NEW: 0,
  /** Asked; counts against alpha. */
  PENDING: 1,
  /** Asked and slow; no longer counts against alpha, a reply is still welcome. */
  STALLED: 2,
  /** Answered. */
  ANSWERED: 3,
} as const;
export type CandidateStateCode = (typeof CandidateState)[keyof typeof CandidateState];

/** One contact of a lookup's shortlist. */
export interface Candidate {
  readonly contact: Contact;
  /** Index of the disjoint path (the shortlist) it belongs to; 0 in a one-path lookup. */
  readonly path: number;
  /** 1 for a contact from our own table, h + 1 for one first learned from a hop-h answer. */
  readonly hop: number;
  state: CandidateStateCode;
  /** The walk's request to it while one is out (the walk's bookkeeping; the list ignores it). */
  call: RpcCall | undefined;
  /** Cancels its stall timer while one is armed (the walk's bookkeeping). */
  stall: Cancel | undefined;
  /** The walk's round on its path when it was asked (query/widening.ts; the walk's bookkeeping). */
  round: number;
  /** The subnet it counts against under {@link ShortlistRules}, if any. */
  readonly subnet?: string | undefined;
}

/**
 * What the disjoint paths of one lookup share (S/Kademlia section 4.4): every id and address
 * that entered one of their shortlists, so that no contact is asked by two paths. Bound: one
 * entry per candidate that entered, plus the excluded id.
 */
export class Claims {
  readonly ids = new IdSet();
  readonly addresses = new Set<string>();
  /** Candidates held now per subnet, with {@link ShortlistRules.perSubnet}. Bound: one entry per subnet held. */
  readonly subnets = new Map<string, number>();
}

/**
 * Who may enter a lookup's shortlists (docs/protocol.md 10.9): `admits` refuses a contact
 * for good (an id not bound to its public address); `subnetOf` gives the subnet a contact
 * counts against (public addresses only), and the lists of one lookup together hold at most
 * `perSubnet` candidates of a subnet at a time, so that one operator's many ids in one /24
 * cannot fill a key's k closest. A contact refused for its subnet is not remembered: it may
 * enter when offered again after one of its subnet failed.
 */
export interface ShortlistRules {
  readonly admits: (contact: Contact) => boolean;
  readonly subnetOf: (host: string) => string | undefined;
  readonly perSubnet: number;
}

/**
 * The candidates of one lookup (or of one of its disjoint paths), sorted by XOR distance to the target (paper 2.3): every
 * contact is taken once (a contact that failed is not taken again), and the list keeps the
 * `capacity` closest, never dropping one that is awaiting a reply.
 *
 * An address (`host:port`) is taken once too, by the first contact at it that enters the
 * list: one that comes later under another id is dropped, so a reply listing many ids at
 * one address costs that address at most one request per lookup (dht-rpc, bittorrent-dht
 * and the `mainline` crate also key a query's visited set by address). Its id stays free,
 * so the same id still enters when offered at an address of its own. With {@link Claims}
 * shared between the shortlists of a lookup's disjoint paths, a contact (id or address) that
 * entered one path's list enters no other's.
 * Bound: `capacity` candidates plus those in flight; the seen set holds the ids offered here
 * (but those dropped for their address or claimed by another path), the claims every id and
 * address that entered.
 */
export class Shortlist {
  readonly #target: NodeId;
  readonly #capacity: number;
  /** Sorted, closest first. */
  readonly #list: Candidate[] = [];
  readonly #seen = new IdSet();
  /** Ids and `addressKey`s of every candidate that entered this list (or, shared, another path's). */
  readonly #claims: Claims;
  readonly #path: number;
  readonly #rules: ShortlistRules | undefined;

  /**
   * `exclude`: an id never taken (this node's own); `claims`: shared with the other disjoint
   * paths of the lookup, `path` this list's index among them; `rules`: {@link ShortlistRules}.
   */
  constructor(target: NodeId, capacity: number, exclude?: NodeId, claims: Claims = new Claims(), path = 0, rules?: ShortlistRules) {
    this.#target = target;
    this.#rules = rules;
    this.#capacity = capacity;
    this.#claims = claims;
    this.#path = path;
    if (exclude) claims.ids.add(exclude);
  }

  /** Candidates held, closest first. Read-only for callers. */
  get candidates(): readonly Candidate[] {
    return this.#list;
  }

  /**
   * Offers `contact`, learned at `hop`. Returns its candidate, or `undefined` when its id was
   * seen before, its address was taken, or it is farther than the `capacity` closest.
   */
  offer(contact: Contact, hop: number): Candidate | undefined {
    // Most offers repeat an id already seen (every reply lists the same neighbours): refused
    // here before the search and the address key, as it would be below.
    if (this.#seen.has(contact.id)) return undefined;
    const list = this.#list;
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareDistance(list[mid]!.contact.id, contact.id, this.#target) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.#capacity) {
      this.#seen.add(contact.id);
      return undefined;
    }
    const claims = this.#claims;
    const rules = this.#rules;
    let subnet: string | undefined;
    if (rules) {
      if (!rules.admits(contact)) {
        this.#seen.add(contact.id);
        return undefined;
      }
      subnet = rules.subnetOf(contact.host);
      if (subnet !== undefined && (claims.subnets.get(subnet) ?? 0) >= rules.perSubnet) return undefined;
    }
    const address = addressKey(contact);
    if (claims.addresses.has(address) || !this.#seen.add(contact.id) || !claims.ids.add(contact.id)) return undefined;
    claims.addresses.add(address);
    if (subnet !== undefined) claims.subnets.set(subnet, (claims.subnets.get(subnet) ?? 0) + 1);
    const candidate: Candidate = { contact, path: this.#path, hop, state: CandidateState.NEW, call: undefined, stall: undefined, round: 0, subnet };
    // Shifted by hand: splice would allocate its (empty) result array per contact learned.
    list.push(candidate);
    for (let i = list.length - 1; i > lo; i--) list[i] = list[i - 1]!;
    list[lo] = candidate;
    while (list.length > this.#capacity && !isInFlight(list[list.length - 1]!)) this.#released(list.pop()!);
    return candidate;
  }

  /** Removes a candidate that failed (it is not taken again). */
  remove(candidate: Candidate): void {
    const i = this.#list.indexOf(candidate);
    if (i !== -1) this.#released(this.#list.splice(i, 1)[0]!);
  }

  /** A candidate left the list: its subnet's slot is free again. */
  #released(candidate: Candidate): void {
    if (candidate.subnet === undefined) return;
    const n = (this.#claims.subnets.get(candidate.subnet) ?? 0) - 1;
    if (n > 0) this.#claims.subnets.set(candidate.subnet, n);
    else this.#claims.subnets.delete(candidate.subnet);
  }

  /**
   * True when each of the `k` closest candidates has answered (none left to ask or await).
   * A stalled candidate (no reply within the stall delay; its retries still run) does not
   * hold the lookup up: the k closest are counted past it, as libp2p's closest-peers
   * iterator counts past unresponsive peers, and it still counts if it answers before the
   * end. Only when fewer than k others answered does the lookup wait for the stalled ones.
   */
  converged(k: number): boolean {
    let counted = 0;
    let stalled = false;
    for (const candidate of this.#list) {
      if (counted >= k) break;
      if (candidate.state === CandidateState.STALLED) {
        stalled = true;
        continue;
      }
      if (candidate.state !== CandidateState.ANSWERED) return false;
      counted++;
    }
    return counted >= k || !stalled;
  }

  /** True when a candidate of this list is stalled (asked, slow, still awaited). */
  get anyStalled(): boolean {
    return this.#list.some((c) => c.state === CandidateState.STALLED);
  }

  /** Up to `k` closest candidates that answered, and the hop of the first (0 when none). */
  answered(k: number): { closest: Contact[]; rounds: number } {
    const closest: Contact[] = [];
    let rounds = 0;
    for (const candidate of this.#list) {
      if (closest.length >= k) break;
      if (candidate.state !== CandidateState.ANSWERED) continue;
      if (closest.length === 0) rounds = candidate.hop;
      closest.push(candidate.contact);
    }
    return { closest, rounds };
  }
}

/**
 * The k closest candidates of all `lists` (disjoint paths, each sorted by distance to
 * `target`) that are not stalled, closest first: the window of a walk whose paths share one
 * (a put's, see WalkOptions.sharedWindow), as one list's k closest are a path's own window.
 */
export function unionWindow(lists: readonly Shortlist[], k: number, target: NodeId): Candidate[] {
  const at = lists.map(() => 0);
  // Bound: k candidates (a k-way merge of the sorted lists).
  const window: Candidate[] = [];
  while (window.length < k) {
    let best: Candidate | undefined;
    let from = -1;
    for (let p = 0; p < lists.length; p++) {
      const list = lists[p]!.candidates;
      let i = at[p]!;
      while (i < list.length && list[i]!.state === CandidateState.STALLED) i++;
      at[p] = i;
      const c = list[i];
      if (c && (!best || compareDistance(c.contact.id, best.contact.id, target) < 0)) {
        best = c;
        from = p;
      }
    }
    if (!best) break;
    window.push(best);
    at[from]!++;
  }
  return window;
}

/** Up to `k` closest candidates that answered on any of `lists` (disjoint paths), and the hop of the first (0 when none). */
export function answeredOnAny(lists: readonly Shortlist[], k: number, target: NodeId): { closest: Contact[]; rounds: number } {
  if (lists.length === 1) return lists[0]!.answered(k);
  const all: Candidate[] = [];
  for (const list of lists) {
    let taken = 0;
    for (const c of list.candidates) {
      if (taken >= k) break;
      if (c.state !== CandidateState.ANSWERED) continue;
      all.push(c);
      taken++;
    }
  }
  all.sort((a, b) => compareDistance(a.contact.id, b.contact.id, target));
  const closest = all.slice(0, k);
  return { closest: closest.map((c) => c.contact), rounds: closest[0]?.hop ?? 0 };
}

function isInFlight(candidate: Candidate): boolean {
  return candidate.state === CandidateState.PENDING || candidate.state === CandidateState.STALLED;
}
