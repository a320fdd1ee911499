import type { Clock, NodeId, RecordStore } from "@plexus/core";
import { ValueClass, ValueJudge } from "../records/value-judge.js";
import type { Counters } from "../stats/counters.js";
import type { Lookups } from "./lookups.js";
import { chooseValue } from "./read-quorum.js";
import type { GetEvent, GetResult } from "./types.js";

/** What a get uses. */
export interface GetComponents {
  readonly store: RecordStore;
  readonly clock: Clock;
  readonly lookups: Lookups;
  readonly counters: Counters;
}

/** How a get reads (from `NodeInit`). */
export interface GetInit {
  /** `NodeInit.readQuorum`: hear the k closest before returning a plain value. */
  readonly readQuorum: boolean;
}

/**
 * FIND_VALUE (paper 2.3): this node's own store first for a content-addressed value (or
 * without `readQuorum`; a plain or signed copy of its own is only the fallback, since a newer
 * put may have missed it), then an iterative FIND_VALUE lookup that judges every value it receives
 * ({@link ValueJudge}): a forged signed record is dropped and counted (`stats().forgedValues`)
 * and the lookup asks on; a content-addressed value (SHA-256(value) = key) ends it at once.
 * Otherwise, with `readQuorum`, it runs to convergence and returns the newest valid signed
 * record, else the plain value most of the k closest agree on (query/read-quorum.ts); without
 * it, the first value. When the lookup converges without a value, the key is not in the
 * network: `found: false` is definite, unless `timedOut` says the deadline ended it.
 */
export async function* runGet(parts: GetComponents, init: GetInit, key: NodeId, signal: AbortSignal | undefined)
  : AsyncGenerator<GetEvent, GetResult, void> {
  const judge = new ValueJudge(key);
  const local = parts.store.get(key);
  const now = parts.clock.now();
  const held = local && local.expiresAt > now ? local : undefined;
  // This node's own copy answers at once when it proves itself (content-addressed) or when no
  // vote is asked for; otherwise it may be the one replica a newer put missed, so the
  // network decides, and the copy is the answer only if the network has none.
  const localFirst = held && (!init.readQuorum || judge.judge(held.value).class === ValueClass.CONTENT);
  if (held && localFirst) {
    yield { type: "value", value: held.value, from: undefined };
    return { found: true, key, value: held.value, ttlMs: held.expiresAt - now, publisher: held.publisher, from: undefined };
  }
  const { counters } = parts;
  const accept = (value: Uint8Array): boolean => {
    if (judge.judge(value).class !== ValueClass.FORGED) return true;
    counters.forgedValues++;
    return false;
  };
  const stopAt = init.readQuorum ? (value: Uint8Array): boolean => judge.judge(value).class === ValueClass.CONTENT : (): boolean => true;
  const outcome = yield* parts.lookups.walk(key, { signal, findValue: true, collect: true, accept, stopAt, probeFirst: true });
  const { chosen, outvoted } = chooseValue(outcome.found, outcome.values, outcome.closest, judge);
  counters.outvotedValues += outvoted;
  if (!chosen && held) {
    const ttlMs = held.expiresAt - parts.clock.now();
    if (ttlMs > 0) return { found: true, key, value: held.value, ttlMs, publisher: held.publisher, from: undefined };
  }
  if (!chosen) return { found: false, key, closest: outcome.closest, timedOut: outcome.timedOut };
  return { found: true, key, value: chosen.value, ttlMs: chosen.ttlMs, publisher: chosen.publisher, from: chosen.from };
}
