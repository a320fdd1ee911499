import { addressKey, assertNodeId, bytesEqual, PlexusError, toHex } from "@plexus/core";
import type { Address, Cancel, Contact, Log, NodeId } from "@plexus/core";
import type { DeliverMessage, RealtimeReply } from "../messages/index.js";
import type { ProtocolHost } from "@plexus/node";
import type { RealtimeConfig } from "../config.js";
import { DedupCache, OriginKind } from "@plexus/node";
import type { OriginGuard } from "@plexus/node";
import { REALTIME_LOG, admit, verifyingGuard } from "../origins.js";
import { bytesKey } from "@plexus/node";
import { SUBSCRIBE_RETRY_MS } from "../constants.js";
import type { RealtimeCounters } from "../stats.js";
import { TopicStream } from "./topic-stream.js";
import type { TopicSubscription } from "../types.js";

interface TopicState {
  readonly topic: NodeId;
  /** Bound: the subscribe() iterators the application holds open on this topic. */
  readonly streams: Set<TopicStream>;
  /**
   * The rendezvous nodes that acknowledged the last registration, and those of the round
   * under way as they acknowledge: the only nodes a DELIVER is accepted from. Bound: 2 x r.
   */
  rendezvous: Contact[];
  timer: Cancel | undefined;
  readonly controller: AbortController;
}

/**
 * The subscriber side of topics (docs/protocol.md, "Topics"): one network subscription per
 * topic however many iterators share it. A registration round looks the topic key up,
 * sends SUBSCRIBE (listing all r chosen rendezvous) to the r closest, tells the acked ones
 * the corrected list when some failed, and unsubscribes (ttl 0) from rendezvous dropped
 * since the last round. Rounds repeat at half the TTL, so the rendezvous set follows churn.
 * DELIVERs are de-duplicated by publication id: each id reaches each iterator once.
 */
export class Subscriptions {
  readonly #host: ProtocolHost;
  readonly #log: Log;
  readonly #config: RealtimeConfig;
  readonly #counters: RealtimeCounters;
  /** Bound: one entry per topic this node's application subscribed to. */
  readonly #topics = new Map<string, TopicState>();
  readonly #seen: DedupCache;
  /** Checks the publisher's signature on arriving DELIVERs (signature and replay; bounded inside). */
  readonly #guard: OriginGuard;

  constructor(host: ProtocolHost, config: RealtimeConfig, counters: RealtimeCounters) {
    this.#host = host;
    this.#config = config;
    this.#counters = counters;
    this.#log = host.logger.forComponent(REALTIME_LOG);
    this.#seen = new DedupCache(host.clock, config.messageDedupSize, config.messageDedupWindowMs);
    this.#guard = verifyingGuard(host);
  }

  /** Opens an iterator on `topic`, registering with the rendezvous when it is the first one. */
  subscribe(topic: NodeId, signal: AbortSignal | undefined): TopicSubscription {
    assertNodeId(topic, "topic");
    if (!this.#host.running) throw new PlexusError("ERR_NOT_STARTED", "call start() first");
    const key = bytesKey(topic);
    let state = this.#topics.get(key);
    let ready: Promise<number>;
    if (state) {
      ready = Promise.resolve(state.rendezvous.length);
    } else {
      const s: TopicState = { topic: topic.slice(), streams: new Set(), rendezvous: [], timer: undefined, controller: new AbortController() };
      state = s;
      this.#topics.set(key, s);
      ready = this.#register(s);
    }
    const stream = new TopicStream(state.topic, ready, {
      maxQueued: this.#config.maxQueuedTopicMessages, signal,
      onDrop: () => this.#counters.topicMessagesDropped++,
      onClose: (s) => this.#closed(key, s),
    });
    state.streams.add(stream);
    if (signal?.aborted) stream.return().catch(() => undefined);
    return stream;
  }

  /**
   * A DELIVER arrived (the handler has acked it): handed to the topic's iterators when it
   * comes from a rendezvous node this node registered with (id and address), is the first
   * copy of its id, and carries the publisher's valid signature.
   */
  deliver(message: DeliverMessage, from: Address): void {
    const state = this.#topics.get(bytesKey(message.topic));
    if (!state) return;
    const sender = message.sender;
    if (!state.rendezvous.some((c) => bytesEqual(c.id, sender) && c.host === from.host && c.port === from.port)) {
      this.#counters.deliversRefused++;
      if (this.#log.enabled) this.#log.debug("deliver refused", { reason: "not a rendezvous of ours", topic: toHex(message.topic), from: addressKey(from) });
      return;
    }
    if (this.#seen.has(message.id)) {
      this.#counters.realtimeDuplicates++;
      return;
    }
    const { topic, id, origin, data, auth } = message;
    if (!admit(this.#guard, this.#counters, OriginKind.PUBLICATION, { origin, id, scope: topic, data }, auth, from, this.#log)) return;
    this.#seen.check(id);
    this.#counters.topicMessagesDelivered++;
    const event = {
      topic: state.topic, id: message.id, origin: message.origin, data: message.data,
      from: { id: message.sender, host: from.host, port: from.port },
    };
    for (const stream of state.streams) stream.push(event);
  }

  /** Ends every iterator and timer (on stop); rendezvous entries expire by TTL. */
  stop(): void {
    const states = [...this.#topics.values()];
    this.#topics.clear();
    for (const state of states) {
      state.timer?.();
      state.controller.abort(new PlexusError("ERR_STOPPED", "node stopped"));
      for (const stream of state.streams) stream.end();
    }
    this.#seen.clear();
    this.#guard.clear();
  }

  #closed(key: string, stream: TopicStream): void {
    const state = this.#topics.get(key);
    if (!state || !state.streams.delete(stream) || state.streams.size > 0) return;
    this.#topics.delete(key);
    state.timer?.();
    state.controller.abort(new PlexusError("ERR_ABORTED", "unsubscribed"));
    this.#host.holdOpen(`topic:${toHex(state.topic)}`, []);
    if (this.#host.running) for (const c of state.rendezvous) this.#send(c, state.topic, 0, []).catch(() => undefined);
  }

  /** One registration round; resolves to the number of rendezvous that acked. Never rejects. */
  async #register(state: TopicState): Promise<number> {
    const config = this.#config;
    const signal = state.controller.signal;
    let acked: Contact[] = [];
    try {
      const closest = (await this.#host.closest(state.topic, signal)).slice(0, config.topicReplication);
      const ids = closest.map((c) => c.id);
      const results = await Promise.all(closest.map((c) =>
        this.#send(c, state.topic, config.subscriptionTtlMs, ids, signal).then(() => this.#registered(state, c), () => false)));
      acked = closest.filter((_, i) => results[i]);
      if (acked.length > 0 && acked.length < closest.length) {
        const ackedIds = acked.map((c) => c.id);
        await Promise.all(acked.map((c) => this.#send(c, state.topic, config.subscriptionTtlMs, ackedIds, signal).catch(() => undefined)));
      }
      const kept = new Set(acked.map((c) => bytesKey(c.id)));
      for (const old of state.rendezvous) {
        if (!kept.has(bytesKey(old.id))) this.#send(old, state.topic, 0, []).catch(() => undefined);
      }
      state.rendezvous = acked;
      // Behind a NAT, the rendezvous' DELIVERs get in only while the mappings toward them live.
      this.#host.holdOpen(`topic:${toHex(state.topic)}`, acked);
      if (this.#log.enabled) this.#log.debug("subscribed", { topic: toHex(state.topic), rendezvous: acked.length, asked: closest.length });
    } catch {
      // Aborted (unsubscribed, stopped) or no contacts: retried below unless aborted.
    }
    if (!signal.aborted) {
      const half = Math.max(1, Math.floor(config.subscriptionTtlMs / 2));
      const next = acked.length > 0 ? half : Math.min(half, SUBSCRIBE_RETRY_MS);
      state.timer = this.#host.clock.setTimeout(() => { void this.#register(state); }, next);
    }
    return acked.length;
  }

  /** `c` acknowledged a SUBSCRIBE: DELIVERs from it are accepted from now on. */
  #registered(state: TopicState, c: Contact): true {
    if (!state.rendezvous.some((r) => bytesEqual(r.id, c.id))) state.rendezvous = [...state.rendezvous, c];
    return true;
  }

  async #send(to: Contact, topic: NodeId, ttlMs: number, rendezvous: readonly NodeId[], signal?: AbortSignal): Promise<void> {
    const reply = await this.#host.request<RealtimeReply>(to, { type: "SUBSCRIBE", topic, ttlMs, rendezvous }, to.id,
      { retries: this.#host.requestRetries, signal });
    if (reply.message.type !== "SUBSCRIBED") throw new PlexusError("ERR_REMOTE", `SUBSCRIBE answered with ${reply.message.type}`);
  }
}
