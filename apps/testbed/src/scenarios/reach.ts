/**
 * request and send for every ordered pair, telling how each went: straight to the target
 * (`direct`), to its address after a hole punch (`punched`), or through one of its relays
 * (`relayed`), from the requester's counters around the call. Each requester asks its targets
 * one after another (requesters run in parallel), so the counters it reads are that call's.
 */
import type { AgentClient } from "../agent/client.js";

export type Via = "direct" | "punched" | "relayed";

/** What this file needs of a matrix peer (matrix.ts's `Peer`). */
interface ReachPeer {
  readonly host: { readonly index: number };
  readonly agent: AgentClient;
  readonly id: string;
}

/** One attempt, as matrix.ts's `Cell`. */
export interface ReachCell {
  readonly phase: string;
  readonly feature: "request" | "send";
  readonly from: number;
  readonly to: number;
  readonly ok: boolean;
  readonly ms?: number;
  readonly error?: string;
  readonly via?: Via;
}

interface ViaCounters {
  readonly punchesSucceeded?: number;
  readonly sentViaRelay?: number;
}

async function counters(peer: ReachPeer, timeoutMs: number): Promise<ViaCounters> {
  return ((await peer.agent.ask({ op: "stats", timeoutMs })).stats ?? {}) as ViaCounters;
}

/** How the call between `before` and `after` went (undefined when it failed). */
function viaOf(before: ViaCounters, after: ViaCounters): Via {
  if ((after.sentViaRelay ?? 0) > (before.sentViaRelay ?? 0)) return "relayed";
  if ((after.punchesSucceeded ?? 0) > (before.punchesSucceeded ?? 0)) return "punched";
  return "direct";
}

export async function reachMatrix(phase: string, feature: "request" | "send", peers: readonly ReachPeer[], timeoutMs: number): Promise<ReachCell[]> {
  const rows = await Promise.all(peers.map(async (a) => {
    const cells: ReachCell[] = [];
    for (const b of peers) {
      if (b === a) continue;
      const before = await counters(a, timeoutMs);
      const started = Date.now();
      const value = `from ${a.host.index}`;
      const answer = await a.agent.ask({ op: feature, id: b.id, value, timeoutMs });
      const ms = Date.now() - started;
      const ok = answer.ok && (feature === "send" ? answer.sent === true : (answer.reply as { echo?: string } | undefined)?.echo === value);
      const via = ok ? viaOf(before, await counters(a, timeoutMs)) : undefined;
      cells.push({ phase, feature, from: a.host.index, to: b.host.index, ok, ms, ...(via ? { via } : {}), ...(answer.error ? { error: answer.error } : {}) });
    }
    return cells;
  }));
  return rows.flat();
}
