import { addressKey, assertNodeId, PlexusError, toHex } from "@plexus/core";
import type { Address, Contact, Log, NodeId } from "@plexus/core";
import { MESSAGE_ID_BYTES } from "../messages/index.js";
import type { PublishMessage, RealtimeReply, SubscribeMessage } from "../messages/index.js";
import type { ProtocolHost } from "@plexus/node";
import type { RealtimeConfig } from "../config.js";
import { DedupCache, OriginGuard, OriginKind } from "@plexus/node";
import { REALTIME_LOG, admit, checkOutgoing, signed } from "../origins.js";
import { throwIfAborted } from "@plexus/node";
import { bytesKey } from "@plexus/node";
import { deadline } from "../deadline.js";
import { RENDEZVOUS_CACHE_SIZE } from "../constants.js";
import { UnreachableError } from "../errors.js";
import { TopicRegistry } from "./subscriber-table.js";
import type { RealtimeCounters } from "../stats.js";
import type { PublishResult } from "../types.js";

/**
 * Publishing and the rendezvous role (docs/protocol.md, "Topics"). The publisher sends
 * PUBLISH (hops 0) to the closest rendezvous that answers; that node delivers to its
 * subscribers and relays the PUBLISH (hops 1) to the other r closest nodes it knows, which
 * deliver to theirs, skipping subscribers that listed the relayer among their rendezvous
 * (the relayer has delivered to them). Steady state: one DELIVER per subscriber, r PUBLISH.
 */
export class Topics {
  readonly #host: ProtocolHost;
  readonly #log: Log;
  readonly #config: RealtimeConfig;
  readonly #counters: RealtimeCounters;
  readonly registry: TopicRegistry;
  /** Publication ids seen as a rendezvous. Bound: messageDedupSize within messageDedupWindowMs. */
  readonly #seen: DedupCache;
  /** Origin checks and per-origin / per-subnet publish rates (bounded inside). */
  readonly #guard: OriginGuard;
  /** topic idKey -> rendezvous looked up. Bound: RENDEZVOUS_CACHE_SIZE (oldest first out). */
  #cache: Map<string, { contacts: Contact[]; at: number }> | undefined; // made on first use

  constructor(host: ProtocolHost, config: RealtimeConfig, counters: RealtimeCounters) {
    this.#host = host;
    this.#config = config;
    this.#counters = counters;
    this.#log = host.logger.forComponent(REALTIME_LOG);
    this.registry = new TopicRegistry({
      clock: host.clock, counters, maxTopics: config.maxTopics, maxSubscribersPerTopic: config.maxSubscribersPerTopic,
      maxSubscribeSharePerSubnet: config.maxSubscribeSharePerSubnet, exemptLoopback: config.exemptLoopback,
    });
    this.#seen = new DedupCache(host.clock, config.messageDedupSize, config.messageDedupWindowMs);
    this.#guard = new OriginGuard(host.clock, { verify: host.verifyOrigins,
      perOriginPerSecond: config.maxPublishesPerOriginPerSecond, perSubnetPerSecond: config.maxPublishesPerSubnetPerSecond,
      exemptLoopback: config.exemptLoopback });
  }

  /** publish(): see `RealtimeApi.publish`. */
  async publish(topic: NodeId, data: Uint8Array, signal: AbortSignal | undefined): Promise<PublishResult> {
    assertNodeId(topic, "topic");
    checkOutgoing(this.#host, data);
    throwIfAborted(signal);
    const ctx = this.#host;
    const config = this.#config;
    const id = ctx.random.bytes(MESSAGE_ID_BYTES);
    const body = signed(ctx, OriginKind.PUBLICATION, { origin: ctx.id, id, scope: topic, data },
      { type: "PUBLISH" as const, topic, id, origin: ctx.id, hops: 0, data });
    const bound = deadline(ctx.clock, config.directTimeoutMs, signal);
    try {
      for (let fresh = false; ; fresh = true) {
        const candidates = await this.#rendezvous(topic, fresh, bound.signal);
        if (candidates.length === 0) throw new PlexusError("ERR_NO_CONTACTS", "no contacts to publish through");
        for (const to of candidates) {
          try {
            const reply = await ctx.request<RealtimeReply>(to, body, to.id, { retries: 0, signal: bound.signal });
            if (reply.message.type !== "PUBLISHED") continue;
            this.#counters.published++;
            if (this.#log.enabled) this.#log.debug("published", { topic: toHex(topic), subscribers: reply.message.subscribers });
            return { id, rendezvous: 1, subscribers: reply.message.subscribers };
          } catch (err) {
            if (bound.signal.aborted) throw bound.signal.reason;
            void err; // next candidate
          }
        }
        this.#cache?.delete(bytesKey(topic));
        if (fresh) throw new UnreachableError(topic, "no rendezvous node accepted the publication");
      }
    } finally {
      bound.done();
    }
  }

  /** A SUBSCRIBE arrived: register, renew or remove the sender. */
  onSubscribe(message: SubscribeMessage, from: Address): "ok" | "busy" {
    const ttl = Math.min(message.ttlMs, this.#config.maxSubscriptionTtlMs);
    const contact = { id: message.sender, host: from.host, port: from.port };
    const outcome = this.registry.subscribe(message.topic, contact, ttl, message.rendezvous) ? "ok" : "busy";
    if (this.#log.enabled) this.#log.debug(outcome === "ok" ? "subscriber registered" : "subscribe refused", { topic: toHex(message.topic), from: addressKey(from), ttlMs: ttl });
    return outcome;
  }

  /**
   * A PUBLISH arrived: returns the local subscriber count for the reply, then, for the first
   * copy of an id whose origin checks out (signature, replay, rates), fans out with the
   * origin's signature unchanged.
   */
  onPublish(message: PublishMessage, from: Address): number {
    const subs = this.registry.live(message.topic);
    if (this.#seen.has(message.id)) {
      this.#counters.realtimeDuplicates++;
      return subs.length;
    }
    const { topic, id, origin, data, auth } = message;
    if (!admit(this.#guard, this.#counters, OriginKind.PUBLICATION, { origin, id, scope: topic, data }, auth, from, this.#log)) return subs.length;
    this.#seen.check(id);
    if (this.#log.enabled) this.#log.debug("publication fanned out", { topic: toHex(topic), id: toHex(id), subscribers: subs.length, hops: message.hops });
    const relayer = message.hops > 0 ? bytesKey(message.sender) : undefined;
    const deliver = { type: "DELIVER" as const, topic, id, origin, data, ...(auth && { auth }) };
    for (const s of subs) {
      if (relayer !== undefined && s.rendezvous.has(relayer)) continue;
      this.#counters.deliveriesSent++;
      this.#host.request(s.contact, deliver, s.contact.id, { retries: this.#host.requestRetries, onBehalf: true }).catch(() => {
        this.#counters.deliveriesFailed++;
        this.registry.remove(message.topic, s.contact.id);
      });
    }
    if (message.hops === 0) {
      const relay = { ...deliver, type: "PUBLISH" as const, hops: 1 };
      for (const c of this.#host.table.closest(message.topic, this.#config.topicReplication)) {
        this.#host.request(c, relay, c.id, { retries: this.#host.requestRetries, onBehalf: true }).catch(() => undefined);
      }
    }
    return subs.length;
  }

  /** Forgets rendezvous state and caches (on stop). */
  stop(): void {
    this.registry.clear();
    this.#seen.clear();
    this.#guard.clear();
    this.#cache = undefined;
  }

  async #rendezvous(topic: NodeId, fresh: boolean, signal: AbortSignal): Promise<Contact[]> {
    const key = bytesKey(topic);
    const now = this.#host.clock.now();
    const hit = this.#cache?.get(key);
    if (!fresh && hit && now - hit.at < this.#config.rendezvousCacheMs) return hit.contacts;
    const contacts = (await this.#host.closest(topic, signal)).slice(0, this.#config.topicReplication);
    this.#cache?.delete(key);
    const cache = (this.#cache ??= new Map());
    if (cache.size >= RENDEZVOUS_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    if (contacts.length > 0) cache.set(key, { contacts, at: now });
    return contacts;
  }
}
