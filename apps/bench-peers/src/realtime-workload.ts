/**
 * The realtime part of the workload: topic join to first message, and direct messages
 * (first round trip to a peer not talked to before, a second round trip on the same
 * channel, an acknowledged one-way send where the library has one). Among the joined
 * nodes, the bootstrap node left out (hyperswarm's is a bare DHT node).
 */
import { performance } from "node:perf_hooks";
import type { BenchNode } from "./adapter.js";
import { equalBytes } from "./bytes.js";
import { phase } from "./phase.js";
import type { PhaseLimits, PhaseResult } from "./phase.js";
import type { SeededRandom } from "./random.js";
import type { RealtimeNode } from "./realtime-node.js";

/** Bytes of a greeting or a direct message. */
const MESSAGE_BYTES = 32;

/** What the realtime phases measured. */
export interface RealtimeResult {
  /** From the joiner's join/subscribe call to the first message of a peer on the topic (`undefined`: no topics). */
  readonly topic: PhaseResult | undefined;
  /** Direct operations: `latenciesMs` of the whole operation; the parts below. */
  readonly direct: PhaseResult;
  /** First round trip to a peer, connection or lookup included, in ms. */
  readonly directFirstMs: number[];
  /** Second round trip on the same channel, in ms. */
  readonly directRepeatMs: number[];
  /** Acknowledged one-way send on the same channel, in ms (`undefined`: the library has none). */
  readonly sendMs: number[] | undefined;
}

/** Runs the direct, then the topic phase; `undefined` when the library has neither. */
export async function realtimePhases(nodes: readonly BenchNode[], random: SeededRandom, limits: PhaseLimits):
  Promise<RealtimeResult | undefined> {
  const peers = nodes.slice(1).flatMap((n) => (n.realtime === undefined ? [] : [n.realtime]));
  if (peers.length < 2) return undefined;
  const pair = (): [RealtimeNode, RealtimeNode] => {
    const a = random.int(peers.length);
    const b = (a + 1 + random.int(peers.length - 1)) % peers.length;
    return [peers[a] as RealtimeNode, peers[b] as RealtimeNode];
  };
  // Bounded: at most limits.ops entries each.
  const directFirstMs: number[] = [];
  const directRepeatMs: number[] = [];
  const sendMs: number[] = [];
  const topicJoinMs: number[] = [];
  let sends = false;
  const direct = await phase(limits, async (signal) => {
    const [from, to] = pair();
    const t0 = performance.now();
    const channel = await from.openDirect(to.key, signal);
    try {
      const first = random.bytes(MESSAGE_BYTES);
      if (!equalBytes(await channel.roundTrip(first, signal), first)) return false;
      const t1 = performance.now();
      const second = random.bytes(MESSAGE_BYTES);
      if (!equalBytes(await channel.roundTrip(second, signal), second)) return false;
      const t2 = performance.now();
      if (channel.send !== undefined) {
        sends = true;
        await channel.send(random.bytes(MESSAGE_BYTES), signal);
        sendMs.push(performance.now() - t2);
      }
      directFirstMs.push(t1 - t0);
      directRepeatMs.push(t2 - t1);
      return true;
    } finally {
      await channel.close();
    }
  });
  if (peers[0]?.hostTopic === undefined) {
    return { topic: undefined, direct, directFirstMs, directRepeatMs, sendMs: sends ? sendMs : undefined };
  }
  const topic = await phase(limits, async (signal) => {
    const [host, joiner] = pair() as [Required<RealtimeNode>, Required<RealtimeNode>];
    const topicKey = random.bytes(32);
    const greeting = random.bytes(MESSAGE_BYTES);
    const hosted = await host.hostTopic(topicKey, greeting, signal);
    try {
      const t0 = performance.now();
      const first = await joiner.joinTopic(topicKey, hosted, signal);
      const ok = equalBytes(first, greeting);
      // The phase times the whole operation (hosting included); keep only the join's time.
      if (ok) topicJoinMs.push(performance.now() - t0);
      return ok;
    } finally {
      await hosted.close();
    }
  });
  return { topic: { ...topic, latenciesMs: topicJoinMs }, direct, directFirstMs, directRepeatMs,
    sendMs: sends ? sendMs : undefined };
}
