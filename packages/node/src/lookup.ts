import { bytesEqual, compareDistance } from "@plexus/core";
import type { Address, Cancel, Contact, NodeId } from "@plexus/core";
import type { ResponseMessage } from "@plexus/wire";
import { LOOKUP_RETRIES, LOOKUP_STALL_RTT_FACTOR, MIN_LOOKUP_STALL_MS } from "./constants.js";
import type { NodeContext } from "./context.js";
import { RemoteError, abortReason } from "./errors.js";
import { idKey } from "./id-key.js";
import { IdSet } from "./id-set.js";
import type { RpcCall } from "./rpc.js";
import type { GetEvent, LookupEvent } from "./types.js";

const NEW = 0, PENDING = 1, STALLED = 2, ANSWERED = 3;

interface Entry {
  readonly contact: Contact;
  /** 1 for a contact from our own table, h + 1 for one first learned from a hop-h answer. */
  readonly hop: number;
  state: number;
  stall: Cancel | undefined;
  call: RpcCall | undefined;
}

/** A value found by a FIND_VALUE lookup. */
export interface FoundValue {
  readonly value: Uint8Array;
  readonly ttlMs: number;
  readonly publisher: NodeId | undefined;
  readonly from: Contact;
}

/** What a lookup ends with. */
export interface LookupOutcome {
  readonly closest: Contact[];
  /** Hop of the closest contact returned (see {@link Entry.hop}); 0 when none answered. */
  readonly rounds: number;
  /** Deepest hop any request went to. */
  readonly depth: number;
  readonly contacted: number;
  readonly failed: number;
  readonly durationMs: number;
  readonly found: FoundValue | undefined;
  /** Store tokens from the NODES/VALUE replies, by `idKey` of the replier (docs/protocol.md T2). */
  readonly tokens: ReadonlyMap<string, Uint8Array>;
  /** With `collect`: every accepted value, in arrival order (bound: one per contact asked). */
  readonly values: readonly FoundValue[];
}

/** Options of a FIND_VALUE lookup over verifiable records (docs/protocol.md T3). */
export interface ValueLookupOptions {
  /** A value this refuses counts as a failed reply (the replier leaves the shortlist) and the lookup goes on. */
  readonly accept?: (value: Uint8Array) => boolean;
  /** Do not stop at the first value: run to convergence and return every accepted one in `values`. */
  readonly collect?: boolean;
  /**
   * FIND_NODE only: ask each replier for a store token (docs/protocol.md T2), for a put.
   * Without it NODES replies carry none (FIND_VALUE replies always do).
   */
  readonly wantToken?: boolean;
}

/** The lookup's stall delay: fixed when configured, else a few smoothed RTTs. */
function stallDelay(ctx: NodeContext): number {
  const fixed = ctx.config.lookupStallMs;
  if (fixed !== undefined) return fixed;
  const srtt = ctx.rpc.srttMs;
  const limit = ctx.config.requestTimeoutMs;
  if (srtt === 0) return limit / 4;
  return Math.min(limit, Math.max(MIN_LOOKUP_STALL_MS, srtt * LOOKUP_STALL_RTT_FACTOR));
}

/**
 * The iterative lookup of paper section 2.3, as one loop: a shortlist sorted by XOR distance
 * to `target`; up to `alpha` requests outstanding; it ends when the k closest live
 * candidates have all answered (contacts that fail leave the shortlist), or, for FIND_VALUE,
 * at the first VALUE. A request outstanding longer than the stall delay stops counting
 * against `alpha`, so one slow peer does not hold the lookup for a full timeout. Returning
 * from the generator (break, abort) cancels every request in flight. `quiet` (for internal
 * drains: join, refresh) records no progress events, so the loop wakes only to finish.
 */
export async function* runLookup(ctx: NodeContext, target: NodeId, findValue: boolean,
  signal: AbortSignal | undefined, quiet = false, options: ValueLookupOptions = {}): AsyncGenerator<GetEvent, LookupOutcome, void> {
  const { config, clock, self } = ctx;
  const { k, alpha } = config;
  const started = clock.now();
  const cap = k * 4; // shortlist bound: the k closest plus 3k spares for failures
  const list: Entry[] = [];
  const seen = new IdSet(); // bound: contacts learned, <= k per answer
  seen.add(self);
  /** Bound: one event per request state change, drained every turn. */
  let events: GetEvent[] = [];
  let wake: (() => void) | undefined;
  let active = 0, contacted = 0, failed = 0, depth = 0, closed = false;
  let found: FoundValue | undefined;
  /** Bound: one per contact that answered (at most the requests sent). */
  const tokens = new Map<string, Uint8Array>();
  /** Bound: one per contact that answered with an accepted value. */
  const values: FoundValue[] = [];
  // One request body and one options object for every request of this lookup.
  const body = findValue ? { type: "FIND_VALUE" as const, key: target }
    : options.wantToken ? { type: "FIND_NODE" as const, target, wantToken: true as const } : { type: "FIND_NODE" as const, target };
  const requestOptions = { retries: LOOKUP_RETRIES, backoff: false };
  /** Done when none of the k closest live candidates is unasked or awaiting a reply. */
  const converged = (): boolean => {
    for (let i = 0; i < list.length && i < k; i++) if (list[i]!.state !== ANSWERED) return false;
    return true;
  };
  const notify = (): void => {
    const w = wake;
    if (w === undefined) return;
    // A quiet lookup records no events, so its loop only has to wake to end: not once per reply.
    if (quiet && found === undefined && !signal?.aborted && !converged()) return;
    wake = undefined;
    w();
  };
  const onAbort = (): void => notify();
  signal?.addEventListener("abort", onAbort, { once: true });
  ctx.counters.lookups++;
  ctx.noteLookup(target);

  const insert = (contact: Contact, hop: number): boolean => {
    if (!seen.add(contact.id)) return false;
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareDistance(list[mid]!.contact.id, contact.id, target) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= cap) return false;
    // Shifted by hand: splice would allocate its (empty) result array per contact learned.
    const entry: Entry = { contact, hop, state: NEW, stall: undefined, call: undefined };
    list.push(entry);
    for (let i = list.length - 1; i > lo; i--) list[i] = list[i - 1]!;
    list[lo] = entry;
    while (list.length > cap && list[list.length - 1]!.state !== PENDING && list[list.length - 1]!.state !== STALLED) list.pop();
    return true;
  };
  const drop = (entry: Entry): void => {
    const i = list.indexOf(entry);
    if (i !== -1) list.splice(i, 1);
  };
  const settle = (entry: Entry): void => {
    entry.stall?.();
    entry.stall = undefined;
    entry.call = undefined;
    if (entry.state === PENDING) active--;
  };
  const onReply = (entry: Entry, message: ResponseMessage): void => {
    if (closed) return;
    settle(entry);
    if ((message.type === "NODES" || message.type === "VALUE") && message.token) tokens.set(idKey(entry.contact.id), message.token);
    if (findValue && message.type === "VALUE" && bytesEqual(message.key, target)) {
      if (options.accept && !options.accept(message.value)) {
        onFailure(entry, new RemoteError(0, "value failed verification"));
        return;
      }
      entry.state = ANSWERED;
      const value = { value: message.value, ttlMs: message.ttlMs, publisher: message.publisher, from: entry.contact };
      if (options.collect) values.push(value);
      else found = value;
      if (!quiet) events.push({ type: "value", value: message.value, from: entry.contact });
    } else if (message.type === "NODES") {
      entry.state = ANSWERED;
      for (const c of message.contacts) insert(c, entry.hop + 1);
      if (!quiet) events.push({ type: "answered", contact: entry.contact, contacts: message.contacts });
    } else {
      const error = message.type === "ERROR" ? new RemoteError(message.code, message.message)
        : new RemoteError(0, `unexpected ${message.type}`);
      onFailure(entry, error);
      return;
    }
    pump();
    notify();
  };
  const onFailure = (entry: Entry, error: unknown): void => {
    if (closed) return;
    settle(entry);
    drop(entry);
    failed++;
    if (!quiet) events.push({ type: "failed", contact: entry.contact, error: error instanceof Error ? error : new Error(String(error)) });
    pump();
    notify();
  };
  // The entry travels as the call's context: two functions per lookup, not two closures per request.
  let launching = false;
  const replyOf = (message: ResponseMessage, _from: Address, entry: Entry): void => onReply(entry, message);
  const errorOf = (err: unknown, entry: Entry): void => {
    // A refusal on the spot (full queue) must not re-enter pump() while it iterates.
    if (launching) queueMicrotask(() => onFailure(entry, err));
    else onFailure(entry, err);
  };
  const launch = (entry: Entry): void => {
    entry.state = PENDING;
    active++;
    contacted++;
    if (entry.hop > depth) depth = entry.hop;
    if (!quiet) events.push({ type: "contacted", contact: entry.contact });
    entry.stall = clock.setTimeout(() => {
      entry.stall = undefined;
      if (closed || entry.state !== PENDING) return;
      entry.state = STALLED;
      active--;
      if (!quiet) events.push({ type: "stalled", contact: entry.contact });
      pump();
      notify();
    }, stallDelay(ctx));
    // Retries: on a lossy path the closest node must not drop out of the result because a
    // datagram was lost; the stall delay keeps the lookup moving meanwhile.
    launching = true;
    entry.call = ctx.rpc.call(entry.contact, body, entry.contact.id, requestOptions, replyOf, errorOf, entry);
    launching = false;
  };
  /** Sends to the closest unasked candidates among the k closest live ones, up to alpha. */
  const pump = (): void => {
    if (found) return;
    for (let i = 0; i < list.length && i < k && active < alpha; i++) {
      if (list[i]!.state === NEW) launch(list[i]!);
    }
  };

  try {
    for (const c of ctx.table.closest(target, k)) insert(c, 1);
    pump();
    for (;;) {
      if (events.length > 0) {
        const batch = events;
        events = [];
        for (const event of batch) yield event;
        continue;
      }
      if (signal?.aborted) throw abortReason(signal);
      if (found || converged()) break;
      await new Promise<void>((resolve) => { wake = resolve; });
    }
  } finally {
    closed = true;
    signal?.removeEventListener("abort", onAbort);
    for (const entry of list) {
      entry.stall?.();
      // Requests still out are forgotten; their late replies are counted as unmatched.
      if (entry.call) ctx.rpc.cancel(entry.call);
    }
  }
  const closest: Contact[] = [];
  let rounds = 0;
  for (const entry of list) {
    if (closest.length >= k) break;
    if (entry.state !== ANSWERED) continue;
    if (closest.length === 0) rounds = entry.hop;
    closest.push(entry.contact);
  }
  return { closest, rounds, depth, contacted, failed, durationMs: clock.now() - started, found, tokens, values };
}

/**
 * A FIND_NODE lookup: like {@link runLookup}, and never yields "value" events. `wantToken`:
 * collect store tokens (a put's lookup); `quiet`: yield no events at all.
 */
export function runNodeLookup(ctx: NodeContext, target: NodeId, signal: AbortSignal | undefined,
  wantToken = false, quiet = false): AsyncGenerator<LookupEvent, LookupOutcome, void> {
  return runLookup(ctx, target, false, signal, quiet, { wantToken }) as AsyncGenerator<LookupEvent, LookupOutcome, void>;
}
