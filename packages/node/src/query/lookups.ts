import { toHex } from "@plexus/core";
import type { Clock, Contact, Log, NodeId, RoutingTable } from "@plexus/core";
import { abortReason } from "../api/errors.js";
import { LOOKUP_STALL_RTT_FACTOR, MIN_LOOKUP_STALL_MS } from "../config/constants.js";
import type { Rpc } from "../rpc/rpc.js";
import type { FullTable } from "../routing/full-table.js";
import type { Counters } from "../stats/counters.js";
import type { Histogram } from "../stats/histogram.js";
import { drain } from "./drain.js";
import { RouteCache } from "./route-cache.js";
import type { RouteCacheOptions } from "./route-cache.js";
import { SizeEstimate } from "./size-estimate.js";
import type { GetEvent, LookupEvent } from "./types.js";
import { Walk } from "./walk.js";
import type { WalkOptions, WalkOutcome } from "./walk-types.js";
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
  /** The one-hop mode's full table (`NodeInit.oneHop`): where walks start. @default none */
  readonly full?: FullTable | undefined;
  /** The id challenge a FIND_NODE to a contact carries (verifyIdentities; docs/protocol.md 10.2). @default none */
  readonly challenge?: ((contact: Contact) => Uint8Array | undefined) | undefined;
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
  /** `NodeInit.routeCache`, defaults filled in. */
  readonly routeCache: Required<RouteCacheOptions>;
  /** Who may enter a walk's shortlists (`NodeInit.addressBoundIds`, docs/protocol.md 10.9). @default anyone */
  readonly rules?: ShortlistRules | undefined;
}

/**
 * Iterative lookups (paper 2.3) for every part of the node: the public lookup, get and put,
 * join, bucket refresh, broadcast repair and the layers above. Each ends by its deadline
 * (`lookupTimeoutMs` of clock time) at the latest, with what it found by then. Gets and puts
 * walk `disjointPaths` disjoint paths (S/Kademlia 4.4); the public lookup and the upkeep walks
 * (join, refresh, repair, the layers' `closest`) one.
 *
 * Where a walk starts: the routing table's k closest, and beside them the replicas it
 * believes in, asked at once (see {@link Walk.start}): in the one-hop mode the full table's
 * k closest; else, for a get or a put, the route cache's entry for the key. Every walk that
 * converged feeds the network size estimate; every get or put that did, the route cache.
 */
export class Lookups {
  readonly #c: LookupComponents;
  readonly #init: LookupInit;
  /** The closest that answered recent gets and puts, by key. */
  readonly routes: RouteCache;
  /** The network size suggested by recent walks (`stats().networkSize`). */
  readonly size: SizeEstimate;

  constructor(components: LookupComponents, init: LookupInit) {
    this.#c = components;
    this.#init = init;
    this.routes = new RouteCache(components.clock, init.routeCache);
    this.size = new SizeEstimate(init.k);
  }

  /**
   * Runs one walk toward `target`, yielding its progress (unless `events: false`) and
   * returning its outcome. Returning from the generator (break, abort) cancels every
   * request still in flight.
   *
   * With replicas to start from (the one-hop mode's full table, else for a get or a put the
   * route cache), it first walks one path that asks them at once: a walk that converges
   * with every request answered (or on a verified value) is the answer, in one round trip
   * when they were the k closest. Any failure or the deadline sends it back to the normal
   * walk (disjoint paths, from the routing table), whose outcome counts both walks' requests:
   * a stale or poisoned start costs a detour, never a read that hears fewer of the closest.
   */
  async *walk(target: NodeId, options: WalkOptions = {}): AsyncGenerator<GetEvent, WalkOutcome, void> {
    const { k, disjointPaths } = this.#init;
    if (options.signal?.aborted) throw abortReason(options.signal);
    const record = options.findValue === true || options.wantToken === true;
    const replicas = this.#c.full?.closest(target, k) ?? (record ? this.routes.get(target) : []);
    let first: WalkOutcome | undefined;
    if (replicas.length > 0) {
      first = yield* this.#run(target, options, 1, replicas);
      if (!first.timedOut && (first.found !== undefined || first.failed === 0)) return first;
      this.#c.counters.routeFallbacks++;
    }
    // Record operations (a get's FIND_VALUE, a put's token-asking FIND_NODE) walk disjoint paths.
    const outcome = yield* this.#run(target, options, options.paths ?? (record ? disjointPaths : 1), []);
    if (first === undefined) return outcome;
    return { ...outcome, depth: first.depth + outcome.depth, contacted: first.contacted + outcome.contacted, failed: first.failed + outcome.failed };
  }

  /** One walk of `paths` disjoint paths from the routing table's k closest, asking `replicas` at once. */
  async *#run(target: NodeId, options: WalkOptions, paths: number, replicas: readonly Contact[]): AsyncGenerator<GetEvent, WalkOutcome, void> {
    const { clock, counters, rpc, table, log, challenge } = this.#c;
    const { self, k, alpha, lookupTimeoutMs, rules } = this.#init;
    const { signal } = options;
    const walk = new Walk(rpc, clock, { self, k, alpha, paths, stallMs: this.#stallMs, timeoutMs: lookupTimeoutMs, rules, challenge, widenAfter: options.widen === true ? alpha : undefined }, target, options);
    const onAbort = (): void => walk.wake?.();
    signal?.addEventListener("abort", onAbort, { once: true });
    counters.lookups++;
    this.#c.onLookup(target);
    const started = clock.now();
    if (log?.enabled) log.debug("lookup start", { target: toHex(target), paths, replicas: replicas.length, findValue: options.findValue === true });
    const record = options.findValue === true || options.wantToken === true;
    try {
      walk.start(table.closest(target, k), replicas);
      for (;;) {
        const events = walk.takeEvents();
        if (events.length > 0) {
          for (const event of events) yield event;
          continue;
        }
        if (signal?.aborted) throw abortReason(signal);
        if (walk.done) {
          const outcome = walk.outcome();
          if (outcome.timedOut) {
            counters.lookupTimeouts++;
            if (record) this.routes.set(target, []); // its replicas may be gone: the next walk starts afresh
          } else if (outcome.found === undefined) this.#converged(target, outcome.closest, record && replicas.length === 0);
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

  /**
   * A FIND_NODE walk someone waits for (the public lookup, a put's): as {@link walk}, widened
   * once its replies stop bringing closer candidates (query/widening.ts), and it never yields
   * "value" events.
   */
  nodes(target: NodeId, options: Pick<WalkOptions, "signal" | "events" | "wantToken" | "paths" | "sharedWindow"> = {}): AsyncGenerator<LookupEvent, WalkOutcome, void> {
    return this.walk(target, { ...options, widen: true }) as AsyncGenerator<LookupEvent, WalkOutcome, void>;
  }

  /** The k closest live contacts to `target` (a walk without events, drained). */
  async closest(target: NodeId, signal?: AbortSignal): Promise<Contact[]> {
    return (await this.quiet(target, signal)).closest;
  }

  /** A FIND_NODE walk without events, drained: for join, refresh, repair and the layers. */
  quiet(target: NodeId, signal?: AbortSignal): Promise<WalkOutcome> {
    return drain(this.walk(target, { signal, events: false }));
  }

  /** Nodes in the one-hop mode's full table; 0 when the mode is off. */
  get fullTableSize(): number {
    return this.#c.full?.size ?? 0;
  }

  /**
   * A walk toward `target` converged on `closest`: the estimate learns from it, and with
   * `cache` (a get or put that walked from the routing table, on its disjoint paths) the
   * route cache. A walk from cached replicas does not renew their entry: it expires
   * `ttlMs` after the last full walk, so a path once captured is not kept alive by itself.
   */
  #converged(target: NodeId, closest: readonly Contact[], cache: boolean): void {
    this.size.note(target, closest);
    if (cache) this.routes.set(target, closest);
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
