import type { Contact, NodeId } from "@plexus/core";
import type { RecordKindCode } from "@plexus/wire";
import type { CallOptions } from "../api/call-options.js";

/** Options of {@link PlexusNode.lookup}. */
export interface LookupOptions extends CallOptions {
  /**
   * Yield progress events. `false`: the generator yields nothing and only returns the
   * result (cheaper: no event objects, one resumption). @default true
   */
  readonly events?: boolean;
}

/** Progress of an iterative lookup (paper 2.3). */
export type LookupEvent =
  /** A request went to `contact`. */
  | { readonly type: "contacted"; readonly contact: Contact }
  /** `contact` answered; `contacts` are the ones it returned. */
  | { readonly type: "answered"; readonly contact: Contact; readonly contacts: readonly Contact[] }
  /** `contact` did not answer in time (or answered with an error); it leaves the shortlist. */
  | { readonly type: "failed"; readonly contact: Contact; readonly error: Error }
  /** `contact` is slow; the lookup asks another candidate meanwhile. */
  | { readonly type: "stalled"; readonly contact: Contact };

/** Outcome of a lookup. */
export interface LookupResult {
  readonly target: NodeId;
  /** Up to k contacts closest to `target` that answered, closest first. */
  readonly closest: Contact[];
  /**
   * Hops to the closest contact returned: 1 when it was in our own table, h + 1 when it was
   * first learned from the answer of a hop-h contact (0 when nobody answered).
   */
  readonly rounds: number;
  /** Deepest hop any request of the lookup went to (its number of dependent waves). */
  readonly depth: number;
  /** Requests sent. */
  readonly contacted: number;
  /** Requests that failed. */
  readonly failed: number;
  /** Clock time the lookup took, in ms. */
  readonly durationMs: number;
  /** True when its deadline (`NodeInit.lookupTimeoutMs`) ended it: `closest` is the best found by then. */
  readonly timedOut: boolean;
}

/**
 * Progress of a get: the lookup's events, and a "value" event for every value received that
 * was not dropped as forged (several when the get hears the k closest: `NodeInit.readQuorum`);
 * the result says which one the get returns.
 */
export type GetEvent =
  | LookupEvent
  | { readonly type: "value"; readonly value: Uint8Array; readonly from: Contact | undefined };

/**
 * Outcome of a get. `found: false` with `timedOut: false` is definite: the lookup converged
 * without a value; with `timedOut: true` its deadline (`NodeInit.lookupTimeoutMs`) came first.
 */
export type GetResult =
  | {
      readonly found: true;
      readonly key: NodeId;
      readonly value: Uint8Array;
      /** Time the record has left, in ms. */
      readonly ttlMs: number;
      readonly publisher: NodeId | undefined;
      /** Who returned it; `undefined` when this node's own store held it. */
      readonly from: Contact | undefined;
    }
  | { readonly found: false; readonly key: NodeId; readonly closest: Contact[]; readonly timedOut: boolean };

/** Progress of a put: the lookup's events, then one event per STORE. */
export type PutEvent =
  | LookupEvent
  | { readonly type: "stored"; readonly contact: Contact }
  | { readonly type: "store-failed"; readonly contact: Contact; readonly error: Error };

/** Outcome of a put. */
export interface PutResult {
  readonly key: NodeId;
  /** Remote nodes that acknowledged the STORE. */
  readonly stored: number;
  /** Remote nodes that refused or did not answer. */
  readonly failed: number;
  /** True when this node is among the k closest and stored the record itself. */
  readonly local: boolean;
}

/** Options of put(). */
export interface PutOptions extends CallOptions {
  /** Time to live in ms. @default NodeInit.defaultTtlMs */
  readonly ttlMs?: number;
  /** Republish as original publisher until `unpublish` or `stop`. @default true */
  readonly republish?: boolean;
}

/** What a put stores. */
export interface PutRecord {
  readonly key: NodeId;
  readonly value: Uint8Array;
  readonly ttlMs: number;
  readonly publisher: NodeId | undefined;
  /** Declared record kind (docs/protocol.md 10.4); absent: decided by content. */
  readonly kind?: RecordKindCode | undefined;
  /** Compare-and-swap of a mutable record: the seq expected at each replica. */
  readonly cas?: number | undefined;
}
