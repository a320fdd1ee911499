/** What a walk (query/walk.ts) is asked to do and what it ends with. */
import type { Contact, NodeId } from "@plexus/core";
import type { ShortlistRules } from "./shortlist.js";

/** A value found by a FIND_VALUE walk. */
export interface FoundValue {
  readonly value: Uint8Array;
  readonly ttlMs: number;
  readonly publisher: NodeId | undefined;
  readonly from: Contact;
}

/** How a walk asks and when it stops. Every field is optional: a plain FIND_NODE walk. */
export interface WalkOptions {
  readonly signal?: AbortSignal | undefined;
  /** Ask FIND_VALUE and stop at the first accepted VALUE (paper 2.3). @default false */
  readonly findValue?: boolean | undefined;
  /** Record progress events for the caller. @default true */
  readonly events?: boolean | undefined;
  /** FIND_NODE only: ask each replier for a store token (docs/protocol.md 10.3), for a put. */
  readonly wantToken?: boolean | undefined;
  /** A value this refuses counts as a failed reply and the walk goes on (docs/protocol.md 10.4). */
  readonly accept?: ((value: Uint8Array) => boolean) | undefined;
  /** Do not stop at the first value: run to convergence and keep every accepted one. */
  readonly collect?: boolean | undefined;
  /** Disjoint paths (see `Walk` in walk.ts); the lookups' setting when absent. */
  readonly paths?: number | undefined;
  /** With `collect`: an accepted value this approves ends the walk at once (a verified one). */
  readonly stopAt?: ((value: Uint8Array) => boolean) | undefined;
  /**
   * With disjoint paths: the paths share one window, the k closest candidates on any path,
   * and each asks its own candidates in it (alpha at a time); done when all k answered (a
   * put's walk: only the k closest on any path get the STORE). Without it each path
   * converges on its own k closest (a get's: its vote hears them all). @default false
   */
  readonly sharedWindow?: boolean | undefined;
  /**
   * The walk first asks only its closest candidate (and the replicas it starts from); every
   * path opens to alpha at the first reply, failure or stall, or after PROBE_FIRST_MS: a get
   * whose first reply holds a value that verifies ends after one request, not paths x alpha,
   * and on a slower network the walk is the usual one, PROBE_FIRST_MS later. @default false
   */
  readonly probeFirst?: boolean | undefined;
  /**
   * Each path asks its whole window at once when a round of alpha replies brought nothing
   * closer (query/widening.ts): for walks someone waits for, the public lookup and a put's.
   * Gets and the upkeep walks (join, refresh, repair) keep alpha. @default false
   */
  readonly widen?: boolean | undefined;
}

/** Settings a walk runs with. */
export interface WalkSettings {
  readonly self: NodeId;
  readonly k: number;
  /** Requests outstanding per path. */
  readonly alpha: number;
  /** Disjoint paths (S/Kademlia 4.4): shortlists that never share a contact, each with its own alpha. */
  readonly paths: number;
  /** After how long without a reply a request stops counting against alpha (asked per request: it follows the RTT). */
  readonly stallMs: () => number;
  /** Clock time after which the walk stops sending and ends with what it has; `Infinity`: none. */
  readonly timeoutMs: number;
  /**
   * Replies of a round without a closer candidate after which a path asks every unasked
   * candidate of its window at once (query/widening.ts, paper 2.3's last round). @default never
   */
  readonly widenAfter?: number | undefined;
  /** Who may enter its shortlists (address-bound ids, subnet cap; docs/protocol.md 10.9). @default anyone */
  readonly rules?: ShortlistRules | undefined;
  /** The id challenge (nonce) a FIND_NODE to `contact` carries, if any (docs/protocol.md 10.2). @default none */
  readonly challenge?: ((contact: Contact) => Uint8Array | undefined) | undefined;
}

/** What a walk ends with. */
export interface WalkOutcome {
  readonly closest: Contact[];
  /** Hop of the closest contact returned (a candidate's `hop`, query/shortlist.ts); 0 when none answered. */
  readonly rounds: number;
  /** Deepest hop any request went to. */
  readonly depth: number;
  readonly contacted: number;
  readonly failed: number;
  readonly found: FoundValue | undefined;
  /** Store tokens from the NODES/VALUE replies, by `bytesKey` of the replier (docs/protocol.md 10.3). */
  readonly tokens: ReadonlyMap<string, Uint8Array>;
  /** With `collect`: every accepted value, in arrival order (the `stopAt` one last). */
  readonly values: readonly FoundValue[];
  /** True when the deadline (`timeoutMs`) ended the walk before it converged or found a value. */
  readonly timedOut: boolean;
}
