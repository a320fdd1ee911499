import type { Address, Clock } from "@plexus/core";
import { subnetOf } from "../routing/subnet-limits.js";

/** Budgets of {@link SourceBudget}, per subnet (IPv4 /24, IPv6 /64) and second. */
export interface SourceBudgetInit {
  /** Requests handled per subnet per second; the burst is twice that. */
  readonly maxRequestsPerSubnetPerSecond: number;
  /** Reply bytes sent per subnet per second; the burst is twice that. */
  readonly maxReplyBytesPerSubnetPerSecond: number;
}

/** Subnets tracked at once (the oldest is forgotten first, with its budget). */
const MAX_TRACKED_SUBNETS = 4096;
/** Seconds of budget a quiet subnet may save up: the burst. */
const BURST_SECONDS = 2;

/** `tokens` after `seconds` at `rate` per second, capped at the burst (`Infinity` stays unlimited). */
function refill(tokens: number, rate: number, seconds: number): number {
  if (rate === Infinity) return Infinity;
  return Math.min(rate * BURST_SECONDS, tokens + seconds * rate);
}

interface Bucket {
  requests: number;
  bytes: number;
  /** Clock time of the last refill. */
  at: number;
}

/**
 * Per-source budgets for requests handled and reply bytes sent (token buckets on the
 * injected Clock), by subnet so that one operator's many addresses share one budget.
 * What a subnet sends beyond its budget is dropped (`stats().requestsLimited`, `stats().repliesLimited`):
 * a flood from one /24 costs this node a bounded amount of work, and a spoofed source can
 * make it reflect at most `maxReplyBytesPerSubnetPerSecond` toward one victim subnet.
 * Loopback sources are exempt (they are this host). Bound: MAX_TRACKED_SUBNETS buckets
 * (~100 B each); an attacker spread over more subnets than that only makes the oldest ones
 * start again from a full burst.
 */
export class SourceBudget {
  readonly #clock: Clock;
  readonly #init: SourceBudgetInit;
  /** By subnet, in insertion order. Bound: MAX_TRACKED_SUBNETS entries. */
  readonly #buckets = new Map<string, Bucket>();

  constructor(clock: Clock, init: SourceBudgetInit) {
    this.#clock = clock;
    this.#init = init;
  }

  /** Takes one request from `from`'s budget; false when none is left (drop the request). */
  request(from: Address): boolean {
    const bucket = this.#bucket(from);
    if (bucket === undefined) return true;
    if (bucket.requests < 1) return false;
    bucket.requests--;
    return true;
  }

  /** Takes `bytes` of reply toward `to`; false when that exceeds the budget (drop the reply). */
  reply(to: Address, bytes: number): boolean {
    const bucket = this.#bucket(to);
    if (bucket === undefined) return true;
    if (bucket.bytes < bytes) return false;
    bucket.bytes -= bytes;
    return true;
  }

  /** The refilled bucket of `address`'s subnet, or `undefined` when it is exempt or unlimited. */
  #bucket(address: Address): Bucket | undefined {
    const { maxRequestsPerSubnetPerSecond: rps, maxReplyBytesPerSubnetPerSecond: bps } = this.#init;
    if (rps === Infinity && bps === Infinity) return undefined;
    const subnet = subnetOf(address.host);
    if (subnet === undefined) return undefined;
    const now = this.#clock.now();
    let bucket = this.#buckets.get(subnet);
    if (bucket === undefined) {
      bucket = { requests: rps * BURST_SECONDS, bytes: bps * BURST_SECONDS, at: now };
      this.#buckets.set(subnet, bucket);
      if (this.#buckets.size > MAX_TRACKED_SUBNETS) this.#buckets.delete(this.#buckets.keys().next().value!);
      return bucket;
    }
    const seconds = Math.max(0, now - bucket.at) / 1000;
    bucket.requests = refill(bucket.requests, rps, seconds);
    bucket.bytes = refill(bucket.bytes, bps, seconds);
    bucket.at = now;
    return bucket;
  }
}
