import type { Clock, Contact, NodeId } from "@plexus/core";
import { bytesKey, subnetOf } from "@plexus/node";

/** One subscriber of a topic, as a rendezvous node holds it. */
export interface Subscriber {
  readonly contact: Contact;
  readonly expiresAt: number;
  /** idKeys of every rendezvous the subscriber registered with (this node included). */
  readonly rendezvous: ReadonlySet<string>;
  /** The contact's subnet (`subnetOf`), `undefined` for loopback. */
  readonly subnet: string | undefined;
}

/** Settings of {@link TopicRegistry}. */
export interface RegistryConfig {
  readonly clock: Clock;
  readonly maxTopics: number;
  readonly maxSubscribersPerTopic: number;
  /** Subscribers per topic from one subnet (IPv4 /24, IPv6 /64; loopback exempt). */
  readonly maxSubscribersPerSubnetPerTopic: number;
}

/**
 * The subscribers this node holds as a rendezvous node (docs/protocol.md, "Topics").
 * Bounded: at most `maxTopics` topics of at most `maxSubscribersPerTopic` subscribers;
 * entries expire at their TTL (pruned when the topic is read and before refusing a new
 * topic), so a departed subscriber stops costing after its TTL at the latest. At most
 * `maxSubscribersPerSubnetPerTopic` of a topic's subscribers share a subnet: SUBSCRIBEs
 * spoofed from a victim's address (many ids, one subnet) register only that many, so one
 * publication sends there a few DELIVERs, not `maxSubscribersPerTopic`.
 */
export class TopicRegistry {
  readonly #c: RegistryConfig;
  /** topic bytesKey -> subscriber bytesKey -> subscriber. Bound: maxTopics x maxSubscribersPerTopic. */
  readonly #topics = new Map<string, Map<string, Subscriber>>();

  constructor(config: RegistryConfig) {
    this.#c = config;
  }

  /** Topics held. */
  get topics(): number {
    return this.#topics.size;
  }

  /**
   * Adds or renews `contact` for `topic` until now + `ttlMs`; `ttlMs = 0` removes it.
   * @returns false when the topic or subscriber bound is reached (the caller answers BUSY).
   */
  subscribe(topic: NodeId, contact: Contact, ttlMs: number, rendezvous: readonly NodeId[]): boolean {
    const key = bytesKey(topic);
    const who = bytesKey(contact.id);
    if (ttlMs === 0) {
      this.remove(topic, contact.id);
      return true;
    }
    let subs = this.#topics.get(key);
    if (!subs) {
      if (this.#topics.size >= this.#c.maxTopics) this.#sweep();
      if (this.#topics.size >= this.#c.maxTopics) return false;
      subs = new Map();
      this.#topics.set(key, subs);
    }
    const subnet = subnetOf(contact.host);
    if (!subs.has(who)) {
      if (subs.size >= this.#c.maxSubscribersPerTopic || subnet !== undefined) this.#prune(subs, this.#c.clock.now());
      if (subs.size >= this.#c.maxSubscribersPerTopic) return false;
      if (subnet !== undefined && this.#inSubnet(subs, subnet) >= this.#c.maxSubscribersPerSubnetPerTopic) return false;
    }
    subs.set(who, { contact, expiresAt: this.#c.clock.now() + ttlMs, rendezvous: new Set(rendezvous.map(bytesKey)), subnet });
    return true;
  }

  /** Removes one subscriber (unsubscribed, or a DELIVER to it failed). */
  remove(topic: NodeId, id: NodeId): void {
    const key = bytesKey(topic);
    const subs = this.#topics.get(key);
    if (!subs) return;
    subs.delete(bytesKey(id));
    if (subs.size === 0) this.#topics.delete(key);
  }

  /** The live subscribers of `topic` (expired ones are dropped on the way). */
  live(topic: NodeId): Subscriber[] {
    const key = bytesKey(topic);
    const subs = this.#topics.get(key);
    if (!subs) return [];
    this.#prune(subs, this.#c.clock.now());
    if (subs.size === 0) this.#topics.delete(key);
    return [...subs.values()];
  }

  /** Forgets everything (on stop). */
  clear(): void {
    this.#topics.clear();
  }

  #inSubnet(subs: Map<string, Subscriber>, subnet: string): number {
    let n = 0;
    for (const s of subs.values()) if (s.subnet === subnet) n++;
    return n;
  }

  #prune(subs: Map<string, Subscriber>, now: number): void {
    for (const [who, s] of subs) if (s.expiresAt <= now) subs.delete(who);
  }

  #sweep(): void {
    const now = this.#c.clock.now();
    for (const [key, subs] of this.#topics) {
      this.#prune(subs, now);
      if (subs.size === 0) this.#topics.delete(key);
    }
  }
}
