import { PlexusError } from "@plexus/core";
import * as C from "./constants.js";

/** Tunables of topics and direct messages (part of `NodeInit`). */
export interface RealtimeInit {
  /** Rendezvous nodes per topic (r): subscribers register at the r nodes closest to the topic key. @default 3 */
  readonly topicReplication?: number;
  /** Lifetime of this node's subscriptions; renewed at half of it. @default 60_000 */
  readonly subscriptionTtlMs?: number;
  /** Longest subscription this node grants as a rendezvous. @default 600_000 */
  readonly maxSubscriptionTtlMs?: number;
  /** Topics this node holds subscribers for as a rendezvous. @default 1024 */
  readonly maxTopics?: number;
  /** Subscribers per topic this node holds as a rendezvous. @default 256 */
  readonly maxSubscribersPerTopic?: number;
  /**
   * Share of `maxTopics`, and of each topic's `maxSubscribersPerTopic`, that SUBSCRIBEs from
   * one subnet (IPv4 /24, IPv6 /64; loopback exempt) may hold as a rendezvous: a topic counts
   * against the subnet that created it; past the share, ERROR BUSY (`stats().subscribesOverShare`).
   * When the table (or a topic) is full, a SUBSCRIBE within its share evicts the oldest topic
   * of the subnet that created the most (or the oldest subscriber of the subnet holding the
   * most of that topic). `Infinity` turns the share off. @default 0.125
   */
  readonly maxSubscribeSharePerSubnet?: number;
  /** How long publish() reuses a topic's looked-up rendezvous nodes. @default 10_000 */
  readonly rendezvousCacheMs?: number;
  /** Realtime message ids remembered for de-duplication, per kind. @default 8192 */
  readonly messageDedupSize?: number;
  /** How long a realtime message id is remembered, in ms. @default 600_000 */
  readonly messageDedupWindowMs?: number;
  /** Bound on send(), request() and publish(), lookup included; past it they fail with ERR_TIMEOUT. @default 10_000 */
  readonly directTimeoutMs?: number;
  /** Messages queued per subscription iterator; past it the oldest is dropped. @default 1024 */
  readonly maxQueuedTopicMessages?: number;
  /**
   * PUBLISHes a rendezvous accepts per second from one (verified) origin, with a burst of ten
   * times that; more are dropped, not delivered (`stats().publishesLimited`). `Infinity`: no limit. @default 20
   */
  readonly maxPublishesPerOriginPerSecond?: number;
  /**
   * PUBLISHes a rendezvous accepts per second from one source subnet (IPv4 /24, IPv6 /64;
   * loopback exempt), burst twice that (`stats().publishesLimited`). `Infinity`: no limit. @default 200
   */
  readonly maxPublishesPerSubnetPerSecond?: number;
  /**
   * Loopback addresses are exempt from the per-subnet shares and caps above (as in the
   * engine, `NodeInit.exemptLoopback`, whose name it shares so that one init object serves
   * both). @default true
   */
  readonly exemptLoopback?: boolean;
  /**
   * Relays this node reserves while it is a client behind a NAT (docs/nat.md): requesters
   * find them among the nodes closest to its id and reach it through them (hole punching,
   * else relayed DIRECT and REQUEST). A dual-stack client adds one of a family none of them is of. 0 turns it off. @default 3
   */
  readonly relays?: number;
  /** Lifetime of this node's reservations (renewed at half) and the longest it grants as a relay. @default 60_000 */
  readonly reservationTtlMs?: number;
  /** Reservations this node holds as a relay; one more gets ERROR BUSY. @default 256 */
  readonly maxReservations?: number;
  /**
   * Reservations one subnet (IPv4 /24, IPv6 /64) holds here as a relay; one more gets ERROR
   * BUSY, so one source cannot take every slot (loopback exempt with `exemptLoopback`). @default 32
   */
  readonly maxReservationsPerSubnet?: number;
  /** Relayed messages per second per reservation (burst 2 s); more are dropped (`stats().relayDropped`). @default 20 */
  readonly relayMessagesPerSecond?: number;
  /** Relayed data bytes per second per reservation (burst 2 s). @default 16_384 */
  readonly relayBytesPerSecond?: number;
  /** Relayed messages per second through this node, all reservations together (burst 2 s). @default 500 */
  readonly relayTotalMessagesPerSecond?: number;
  /** Relayed data bytes per second through this node, all reservations together (burst 2 s). @default 262_144 */
  readonly relayTotalBytesPerSecond?: number;
}

/** {@link RealtimeInit} with every default filled in. */
export type RealtimeConfig = { readonly [P in keyof RealtimeInit]-?: Exclude<RealtimeInit[P], undefined> };

/**
 * Fills in the realtime defaults and checks ranges.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` on a non-positive value or r above 8.
 */
export function resolveRealtimeInit(init: RealtimeInit): RealtimeConfig {
  const config: RealtimeConfig = {
    topicReplication: init.topicReplication ?? C.TOPIC_REPLICATION,
    subscriptionTtlMs: init.subscriptionTtlMs ?? C.SUBSCRIPTION_TTL_MS,
    maxSubscriptionTtlMs: init.maxSubscriptionTtlMs ?? C.MAX_SUBSCRIPTION_TTL_MS,
    maxTopics: init.maxTopics ?? C.MAX_TOPICS,
    maxSubscribersPerTopic: init.maxSubscribersPerTopic ?? C.MAX_SUBSCRIBERS_PER_TOPIC,
    maxSubscribeSharePerSubnet: init.maxSubscribeSharePerSubnet ?? C.MAX_SUBSCRIBE_SHARE_PER_SUBNET,
    rendezvousCacheMs: init.rendezvousCacheMs ?? C.RENDEZVOUS_CACHE_MS,
    messageDedupSize: init.messageDedupSize ?? C.MESSAGE_DEDUP_SIZE,
    messageDedupWindowMs: init.messageDedupWindowMs ?? C.MESSAGE_DEDUP_WINDOW_MS,
    directTimeoutMs: init.directTimeoutMs ?? C.DIRECT_TIMEOUT_MS,
    maxQueuedTopicMessages: init.maxQueuedTopicMessages ?? C.MAX_QUEUED_TOPIC_MESSAGES,
    maxPublishesPerOriginPerSecond: init.maxPublishesPerOriginPerSecond ?? C.MAX_PUBLISHES_PER_ORIGIN_PER_SECOND,
    maxPublishesPerSubnetPerSecond: init.maxPublishesPerSubnetPerSecond ?? C.MAX_PUBLISHES_PER_SUBNET_PER_SECOND,
    exemptLoopback: init.exemptLoopback ?? true,
    relays: init.relays ?? C.RELAYS,
    reservationTtlMs: init.reservationTtlMs ?? C.RESERVATION_TTL_MS,
    maxReservations: init.maxReservations ?? C.MAX_RESERVATIONS,
    maxReservationsPerSubnet: init.maxReservationsPerSubnet ?? C.MAX_RESERVATIONS_PER_SUBNET,
    relayMessagesPerSecond: init.relayMessagesPerSecond ?? C.RELAY_MESSAGES_PER_SECOND,
    relayBytesPerSecond: init.relayBytesPerSecond ?? C.RELAY_BYTES_PER_SECOND,
    relayTotalMessagesPerSecond: init.relayTotalMessagesPerSecond ?? C.RELAY_TOTAL_MESSAGES_PER_SECOND,
    relayTotalBytesPerSecond: init.relayTotalBytesPerSecond ?? C.RELAY_TOTAL_BYTES_PER_SECOND,
  };
  for (const [name, value] of Object.entries(config)) {
    if (name === "exemptLoopback" || (name === "relays" && value === 0)) continue;
    if (typeof value !== "number" || !(value > 0)) throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} must be > 0`);
  }
  // The SUBSCRIBE message lists at most MAX_SUBSCRIBE_RENDEZVOUS (8) rendezvous ids.
  if (!Number.isInteger(config.topicReplication) || config.topicReplication > 8) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", "topicReplication must be an integer in 1..8");
  }
  if (!Number.isInteger(config.relays) || config.relays > 8) throw new PlexusError("ERR_INVALID_ARGUMENT", "relays must be an integer in 0..8");
  return config;
}
