import { toHex } from "@plexus/core";
import type { Clock, Contact, Log, NodeId, RoutingTable } from "@plexus/core";
import { abortReason } from "../api/errors.js";
import { LOOKUP_STALL_RTT_FACTOR, MIN_LOOKUP_STALL_MS } from "../config/constants.js";
import type { Rpc } from "../rpc/rpc.js";
import type { Counters } from "../stats/counters.js";
import type { Histogram } from "../stats/histogram.js";
import { drain } from "./drain.js";
import type { GetEvent, LookupEvent } from "./types.js";
import { Walk } from "./walk.js";
import type { WalkOptions, WalkOutcome } from "./walk.js";
import type { ShortlistRules } from "./shortlist.js";

/** What lookups use. */
export interface LookupComponents {
  readonly table: RoutingTable;
  readonly rpc: Rpc;
  readonly clock: Clock;
  readonly counters: Counters;
  /** Told of every lookup's target (bucket refresh bookkeeping, paper 2.3). */
  readonly onLookup: (target: NodeId) => void;
  /** `plexus:lookup`: each walk's start and end (rounds, contacted, duration). @default silent */
  readonly log?: Log | undefined;
  /** Records each walk's duration, in ms of `clock`. @default none */
  readonly duration?: Histogram | undefined;
}

/** Lookup settings (from `NodeInit`). */
export interface LookupInit {
  readonly self: NodeId;
  readonly k: number;
  readonly alpha: number;
  readonly requestTimeoutMs: number;
  /** Fixed stall delay; `undefined`: a few smoothed RTTs. */
  readonly lookupStallMs: number | undefined;
  /** Deadline of each walk, in ms of clock time (`NodeInit.lookupTimeoutMs`); `Infinity`: none. */
  readonly lookupTimeoutMs: number;
  /** Disjoint paths of a get or a put (`NodeInit.disjointPaths`); every other walk takes one. */
  readonly disjointPaths: number;
  /** Who may enter a walk's shortlists (`NodeInit.addressBoundIds`, docs/protocol.md 10.9). @default anyone */
  readonly rules?: ShortlistRules | undefined;
}

/**
 * Iterative lookups (paper 2.3) for every part of the node: the public lookup, get and put,
 * join, bucket refresh, broadcast repair and the layers above. Each ends by its deadline
 * (`lookupTimeoutMs` of clock time) at the latest, with what it found by then. Gets and puts
 * walk `disjointPaths` disjoint paths (S/Kademlia 4.4); the public lookup and the upkeep walks
 * (join, refresh, repair, the layers' `closest`) one.
 */
export class Lookups {
  readonly #c: LookupComponents;
  readonly #init: LookupInit;

  constructor(components: LookupComponents, init: LookupInit) {
    this.#c = components;
    this.#init = init;
  }

  /**
   * Runs one walk toward `target`, yielding its progress (unless `events: false`) and
   * returning its outcome. Returning from the generator (break, abort) cancels every
   * request still in flight.
   */
  async *walk(target: NodeId, options: WalkOptions = {}): AsyncGenerator<GetEvent, WalkOutcome, void> {
    const { clock, counters, rpc, table, log } = this.#c;
    const { self, k, alpha, lookupTimeoutMs, disjointPaths, rules } = this.#init;
    const { signal } = options;
    if (signal?.aborted) throw abortReason(signal);
    // Record operations (a get's FIND_VALUE, a put's token-asking FIND_NODE) walk disjoint paths.
    const paths = options.paths ?? (options.findValue || options.wantToken ? disjointPaths : 1);
    const walk = new Walk(rpc, clock, { self, k, alpha, paths, stallMs: this.#stallMs, timeoutMs: lookupTimeoutMs, rules }, target, options);
    const onAbort = (): void => walk.wake?.();
    signal?.addEventListener("abort", onAbort, { once: true });
    counters.lookups++;
    this.#c.onLookup(target);
    const started = clock.now();
    if (log?.enabled) log.debug("lookup start", { target: toHex(target), paths, findValue: options.findValue === true });
    try {
      walk.start(table.closest(target, k));
      for (;;) {
        const events = walk.takeEvents();
        if (events.length > 0) {
          for (const event of events) yield event;
          continue;
        }
        if (signal?.aborted) throw abortReason(signal);
        if (walk.done) {
          const outcome = walk.outcome();
          if (outcome.timedOut) counters.lookupTimeouts++;
          const durationMs = clock.now() - started;
          this.#c.duration?.record(durationMs);
          if (log?.enabled) {
            log.debug("lookup end", { target: toHex(target), rounds: outcome.rounds, contacted: outcome.contacted,
              failed: outcome.failed, found: outcome.found !== undefined, timedOut: outcome.timedOut, durationMs });
          }
          return outcome;
        }
        await new Promise<void>((resolve) => { walk.wake = resolve; });
      }
    } finally {
      walk.close();
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** A FIND_NODE walk: as {@link walk}, and it never yields "value" events. */
  nodes(target: NodeId, options: Pick<WalkOptions, "signal" | "events" | "wantToken" | "paths"> = {}): AsyncGenerator<LookupEvent, WalkOutcome, void> {
    return this.walk(target, options) as AsyncGenerator<LookupEvent, WalkOutcome, void>;
  }

  /** The k closest live contacts to `target` (a walk without events, drained). */
  async closest(target: NodeId, signal?: AbortSignal): Promise<Contact[]> {
    return (await this.quiet(target, signal)).closest;
  }

  /** A FIND_NODE walk without events, drained: for join, refresh, repair and the layers. */
  quiet(target: NodeId, signal?: AbortSignal): Promise<WalkOutcome> {
    return drain(this.walk(target, { signal, events: false }));
  }

  /** The stall delay: fixed when configured, else a few smoothed RTTs. */
  readonly #stallMs = (): number => {
    const { lookupStallMs, requestTimeoutMs } = this.#init;
    if (lookupStallMs !== undefined) return lookupStallMs;
    const srtt = this.#c.rpc.srttMs;
    if (srtt === 0) return requestTimeoutMs / 4;
    return Math.min(requestTimeoutMs, Math.max(MIN_LOOKUP_STALL_MS, srtt * LOOKUP_STALL_RTT_FACTOR));
  };
}
