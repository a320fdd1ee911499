import type { Address, Clock } from "@plexus/core";
import { subnetOf } from "../routing/subnet-limits.js";
import { TokenBuckets } from "./token-buckets.js";

/** Budgets of {@link SourceBudget}, per subnet (IPv4 /24, IPv6 /64) and second. */
export interface SourceBudgetInit {
  /** Requests handled per subnet per second; the burst is twice that. */
  readonly maxRequestsPerSubnetPerSecond: number;
  /** Reply bytes sent per subnet per second; the burst is twice that. */
  readonly maxReplyBytesPerSubnetPerSecond: number;
  /** Loopback sources are exempt (NodeInit.exemptLoopback). @default true */
  readonly exemptLoopback?: boolean;
}

/** Subnets tracked at once (the oldest is forgotten first, with its budget). */
const MAX_TRACKED_SUBNETS = 4096;
/** Seconds of budget a quiet subnet may save up: the burst. */
const BURST_SECONDS = 2;

/**
 * Per-source budgets for requests handled and reply bytes sent (token buckets on the
 * injected Clock), by subnet so that one operator's many addresses share one budget.
 * What a subnet sends beyond its budget is dropped (`stats().requestsLimited`,
 * `stats().repliesLimited`): a flood from one /24 costs this node a bounded amount of work,
 * and a spoofed source can make it reflect at most `maxReplyBytesPerSubnetPerSecond` toward
 * one victim subnet. Loopback sources are exempt (they are this host). Bound: two
 * TokenBuckets of MAX_TRACKED_SUBNETS buckets (~100 B each); an attacker spread over more
 * subnets than that only makes the oldest ones start again from a full burst.
 */
export class SourceBudget {
  readonly #requests: TokenBuckets;
  readonly #bytes: TokenBuckets;
  readonly #exemptLoopback: boolean;

  constructor(clock: Clock, init: SourceBudgetInit) {
    this.#exemptLoopback = init.exemptLoopback ?? true;
    const buckets = { burstSeconds: BURST_SECONDS, maxKeys: MAX_TRACKED_SUBNETS };
    this.#requests = new TokenBuckets(clock, { ratePerSecond: init.maxRequestsPerSubnetPerSecond, ...buckets });
    this.#bytes = new TokenBuckets(clock, { ratePerSecond: init.maxReplyBytesPerSubnetPerSecond, ...buckets });
  }

  /** Takes one request from `from`'s budget; false when none is left (drop the request). */
  request(from: Address): boolean {
    const subnet = subnetOf(from.host, this.#exemptLoopback);
    return subnet === undefined || this.#requests.take(subnet);
  }

  /** Takes `bytes` of reply toward `to`; false when that exceeds the budget (drop the reply). */
  reply(to: Address, bytes: number): boolean {
    const subnet = subnetOf(to.host, this.#exemptLoopback);
    return subnet === undefined || this.#bytes.take(subnet, bytes);
  }
}
