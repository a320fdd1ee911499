import type { Clock, Contact, NodeId } from "@plexus/core";
import { PrefixLedger, bytesKey, subnetOf } from "@plexus/node";
import type { RealtimeCounters } from "../stats.js";

/** One subscriber of a topic, as a rendezvous node holds it. */
export interface Subscriber {
  readonly contact: Contact;
  readonly expiresAt: number;
  /** idKeys of every rendezvous the subscriber registered with (this node included). */
  readonly rendezvous: ReadonlySet<string>;
  /** The subnet it subscribed from (`subnetOf` its address); `undefined` when exempt. */
  readonly subnet: string | undefined;
}

/** Settings of {@link TopicRegistry}. */
export interface RegistryConfig {
  readonly clock: Clock;
  readonly counters: RealtimeCounters;
  readonly maxTopics: number;
  readonly maxSubscribersPerTopic: number;
  /** Share of the topics and of each topic's subscribers one /24 or /64 may hold; `Infinity`: none. */
  readonly maxSubscribeSharePerSubnet: number;
  /** Loopback subscribers count as one exempt source (no share limit). @default true */
  readonly exemptLoopback?: boolean;
}

/** One topic: its subscribers (oldest first) and how many came from each subnet. */
interface Topic {
  /** Bound: maxSubscribersPerTopic. */
  readonly subs: Map<string, Subscriber>;
  /** Subscribers per subnet key ("" for exempt ones). Bound: `subs.size` entries. */
  readonly perSubnet: Map<string, number>;
}

/**
 * The subscribers this node holds as a rendezvous node (docs/protocol.md, "Topics").
 * Bounded: at most `maxTopics` topics of at most `maxSubscribersPerTopic` subscribers;
 * entries expire at their TTL (pruned when the topic is read and before refusing or
 * evicting), so a departed subscriber stops costing after its TTL at the latest.
 *
 * Shares per subnet (IPv4 /24, IPv6 /64; loopback exempt): a topic counts against the subnet
 * that created it, and one subnet may create at most `maxSubscribeSharePerSubnet` of
 * `maxTopics` topics and hold that share of any topic's subscribers; past it, BUSY. When
 * the table is full, a new topic within its subnet's share evicts the oldest topic of the
 * subnet that created the most (its subscribers renew elsewhere or here later); a full topic
 * evicts the oldest subscriber of the subnet holding the most of it. So a SUBSCRIBE flood
 * from one /24 neither fills the table nor a topic.
 */
export class TopicRegistry {
  readonly #c: RegistryConfig;
  readonly #exemptLoopback: boolean;
  readonly #subsShare: number;
  /** topic bytesKey -> topic. Bound: maxTopics x maxSubscribersPerTopic subscribers. */
  readonly #topics = new Map<string, Topic>();
  /** Which subnet created which topic. Bound: maxTopics (the same keys as `#topics`). */
  readonly #owners: PrefixLedger<string>;

  constructor(config: RegistryConfig) {
    this.#c = config;
    this.#exemptLoopback = config.exemptLoopback ?? true;
    const share = config.maxSubscribeSharePerSubnet;
    this.#subsShare = share >= 1 ? Infinity : Math.max(1, Math.floor(share * config.maxSubscribersPerTopic));
    this.#owners = new PrefixLedger({ maxUnits: Infinity, maxItems: config.maxTopics, share });
  }

  /** Topics held. */
  get topics(): number {
    return this.#topics.size;
  }

  /**
   * Adds or renews `contact` for `topic` until now + `ttlMs`; `ttlMs = 0` removes it.
   * @returns false when the contact's subnet holds its share, or no room could be made (the caller answers BUSY).
   */
  subscribe(topic: NodeId, contact: Contact, ttlMs: number, rendezvous: readonly NodeId[]): boolean {
    const key = bytesKey(topic);
    const who = bytesKey(contact.id);
    if (ttlMs === 0) {
      this.remove(topic, contact.id);
      return true;
    }
    const subnet = subnetOf(contact.host, this.#exemptLoopback);
    const now = this.#c.clock.now();
    const entry = this.#topics.get(key) ?? this.#create(key, subnet, now);
    if (!entry) return false;
    const prev = entry.subs.get(who);
    if (prev && prev.subnet !== subnet) this.#delete(entry, who, prev);
    if (!entry.subs.has(who) && !this.#room(entry, subnet, now)) {
      if (entry.subs.size === 0) this.#drop(key);
      return false;
    }
    const known = entry.subs.has(who);
    entry.subs.set(who, { contact, expiresAt: now + ttlMs, rendezvous: new Set(rendezvous.map(bytesKey)), subnet });
    if (!known) entry.perSubnet.set(subnet ?? "", (entry.perSubnet.get(subnet ?? "") ?? 0) + 1);
    return true;
  }

  /** Removes one subscriber (unsubscribed, or a DELIVER to it failed). */
  remove(topic: NodeId, id: NodeId): void {
    const key = bytesKey(topic);
    const entry = this.#topics.get(key);
    if (!entry) return;
    const who = bytesKey(id);
    const sub = entry.subs.get(who);
    if (sub) this.#delete(entry, who, sub);
    if (entry.subs.size === 0) this.#drop(key);
  }

  /** The live subscribers of `topic` (expired ones are dropped on the way). */
  live(topic: NodeId): Subscriber[] {
    const key = bytesKey(topic);
    const entry = this.#topics.get(key);
    if (!entry) return [];
    this.#prune(entry, this.#c.clock.now());
    if (entry.subs.size === 0) this.#drop(key);
    return [...entry.subs.values()];
  }

  /** Forgets everything (on stop). */
  clear(): void {
    this.#topics.clear();
    this.#owners.clear();
  }

  /** A new topic created by `subnet`, evicting another if the table is full; `undefined` when refused. */
  #create(key: string, subnet: string | undefined, now: number): Topic | undefined {
    if (this.#topics.size >= this.#c.maxTopics) this.#sweep(now);
    const verdict = this.#owners.admit(subnet, key, key, 1, Infinity, now);
    if (!verdict.ok) {
      this.#c.counters.subscribesOverShare++;
      return undefined;
    }
    for (const evicted of verdict.evicted) {
      this.#topics.delete(evicted);
      this.#c.counters.topicsEvicted++;
    }
    const entry: Topic = { subs: new Map(), perSubnet: new Map() };
    this.#topics.set(key, entry);
    return entry;
  }

  /** Whether a new subscriber from `subnet` fits in `entry`, after evicting one if it is full. */
  #room(entry: Topic, subnet: string | undefined, now: number): boolean {
    if (subnet !== undefined && (entry.perSubnet.get(subnet) ?? 0) >= this.#subsShare) {
      this.#c.counters.subscribesOverShare++;
      return false;
    }
    if (entry.subs.size < this.#c.maxSubscribersPerTopic) return true;
    this.#prune(entry, now);
    if (entry.subs.size < this.#c.maxSubscribersPerTopic) return true;
    let heaviest = "", most = 0;
    for (const [s, n] of entry.perSubnet) if (n > most) [heaviest, most] = [s, n];
    for (const [who, sub] of entry.subs) {
      if ((sub.subnet ?? "") !== heaviest) continue;
      this.#delete(entry, who, sub);
      this.#c.counters.subscribersEvicted++;
      return true;
    }
    return false;
  }

  #delete(entry: Topic, who: string, sub: Subscriber): void {
    entry.subs.delete(who);
    const s = sub.subnet ?? "";
    const n = (entry.perSubnet.get(s) ?? 0) - 1;
    if (n > 0) entry.perSubnet.set(s, n);
    else entry.perSubnet.delete(s);
  }

  #drop(key: string): void {
    this.#topics.delete(key);
    this.#owners.remove(key);
  }

  #prune(entry: Topic, now: number): void {
    for (const [who, s] of entry.subs) if (s.expiresAt <= now) this.#delete(entry, who, s);
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#topics) {
      this.#prune(entry, now);
      if (entry.subs.size === 0) this.#drop(key);
    }
  }
}
