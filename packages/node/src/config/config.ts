import { ALPHA, K, PlexusError, REPLACEMENT_CACHE_SIZE } from "@plexus/core";
import { MAX_VALUE_BYTES } from "@plexus/wire";
import type { NodeInit } from "../api/node.js";
import type { RouteCacheOptions } from "../query/route-cache.js";
import type { OneHopOptions } from "../routing/full-table.js";
import * as C from "./constants.js";

/** {@link NodeInit} with every default filled in. */
export type NodeConfig = { readonly [P in Exclude<keyof NodeInit, "lookupStallMs" | "routeCache" | "oneHop">]-?: Exclude<NodeInit[P], undefined> } & {
  readonly lookupStallMs: number | undefined;
  readonly routeCache: Required<RouteCacheOptions>;
  /** `maxContacts` 0: the mode is off. */
  readonly oneHop: Required<OneHopOptions>;
};

/**
 * Fills in defaults and checks ranges.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` on a non-positive count or negative duration, or
 *   `disjointPaths` not an integer from 1 to k.
 */
export function resolveInit(init: NodeInit = {}): NodeConfig {
  const config: NodeConfig = {
    k: init.k ?? K,
    alpha: init.alpha ?? ALPHA,
    replacementCacheSize: init.replacementCacheSize ?? REPLACEMENT_CACHE_SIZE,
    maxContactsPerSubnetPerBucket: init.maxContactsPerSubnetPerBucket ?? C.MAX_CONTACTS_PER_SUBNET_PER_BUCKET,
    maxContactsPerSubnet: init.maxContactsPerSubnet ?? C.MAX_CONTACTS_PER_SUBNET,
    maxRequestsPerSubnetPerSecond: init.maxRequestsPerSubnetPerSecond ?? C.MAX_REQUESTS_PER_SUBNET_PER_SECOND,
    maxReplyBytesPerSubnetPerSecond: init.maxReplyBytesPerSubnetPerSecond ?? C.MAX_REPLY_BYTES_PER_SUBNET_PER_SECOND,
    requestTimeoutMs: init.requestTimeoutMs ?? C.REQUEST_TIMEOUT_MS,
    minRequestTimeoutMs: init.minRequestTimeoutMs ?? C.MIN_REQUEST_TIMEOUT_MS,
    requestRetries: init.requestRetries ?? C.REQUEST_RETRIES,
    lookupStallMs: init.lookupStallMs,
    lookupTimeoutMs: init.lookupTimeoutMs ?? C.LOOKUP_TIMEOUT_MS,
    maxInFlightRequests: init.maxInFlightRequests ?? C.MAX_IN_FLIGHT_REQUESTS,
    maxQueuedRequests: init.maxQueuedRequests ?? C.MAX_QUEUED_REQUESTS,
    joinAttempts: init.joinAttempts ?? C.JOIN_ATTEMPTS,
    joinBackoffMs: init.joinBackoffMs ?? C.JOIN_BACKOFF_MS,
    joinWaitsForFarBuckets: init.joinWaitsForFarBuckets ?? false,
    refreshIntervalMs: init.refreshIntervalMs ?? C.REFRESH_INTERVAL_MS,
    keepAliveIntervalMs: init.keepAliveIntervalMs ?? C.KEEP_ALIVE_INTERVAL_MS,
    keepAliveMaxPerTick: init.keepAliveMaxPerTick ?? C.KEEP_ALIVE_MAX_PER_TICK,
    defaultTtlMs: init.defaultTtlMs ?? C.DEFAULT_TTL_MS,
    maxTtlMs: init.maxTtlMs ?? C.MAX_TTL_MS,
    republishIntervalMs: init.republishIntervalMs ?? C.REPUBLISH_INTERVAL_MS,
    replicaRepublishIntervalMs: init.replicaRepublishIntervalMs ?? C.REPLICA_REPUBLISH_INTERVAL_MS,
    maxPublishedItems: init.maxPublishedItems ?? C.MAX_PUBLISHED_ITEMS,
    tableSaveIntervalMs: init.tableSaveIntervalMs ?? C.TABLE_SAVE_INTERVAL_MS,
    maxStoredRecords: init.maxStoredRecords ?? C.MAX_STORED_RECORDS,
    maxStoredBytes: init.maxStoredBytes ?? C.MAX_STORED_BYTES,
    maxStoreSharePerSubnet: init.maxStoreSharePerSubnet ?? C.MAX_STORE_SHARE_PER_SUBNET,
    maxValueBytes: init.maxValueBytes ?? MAX_VALUE_BYTES,
    broadcastRedundancy: init.broadcastRedundancy ?? C.BROADCAST_REDUNDANCY,
    broadcastAttemptsPerBucket: init.broadcastAttemptsPerBucket ?? C.BROADCAST_ATTEMPTS_PER_BUCKET,
    broadcastDedupSize: init.broadcastDedupSize ?? C.BROADCAST_DEDUP_SIZE,
    broadcastDedupWindowMs: init.broadcastDedupWindowMs ?? C.BROADCAST_DEDUP_WINDOW_MS,
    verifyIdentities: init.verifyIdentities ?? true,
    addressBoundIds: init.addressBoundIds ?? true,
    exemptLoopback: init.exemptLoopback ?? true,
    clientMode: init.clientMode ?? "auto",
    addressQuorum: init.addressQuorum ?? C.ADDRESS_QUORUM,
    natKeepAliveIntervalMs: init.natKeepAliveIntervalMs ?? C.NAT_KEEP_ALIVE_INTERVAL_MS,
    verifyOrigins: init.verifyOrigins ?? true,
    maxBroadcastsPerOriginPerSecond: init.maxBroadcastsPerOriginPerSecond ?? C.MAX_BROADCASTS_PER_ORIGIN_PER_SECOND,
    maxBroadcastsPerSubnetPerSecond: init.maxBroadcastsPerSubnetPerSecond ?? C.MAX_BROADCASTS_PER_SUBNET_PER_SECOND,
    requireStoreTokens: init.requireStoreTokens ?? true,
    readQuorum: init.readQuorum ?? true,
    disjointPaths: init.disjointPaths ?? Math.min(C.DISJOINT_PATHS, typeof init.k === "number" ? init.k : K),
    routeCache: { maxEntries: init.routeCache?.maxEntries ?? C.ROUTE_CACHE_ENTRIES, ttlMs: init.routeCache?.ttlMs ?? C.ROUTE_CACHE_TTL_MS },
    oneHop: { maxContacts: init.oneHop === undefined ? 0 : init.oneHop.maxContacts ?? C.ONE_HOP_MAX_CONTACTS },
  };
  const positive = ["k", "alpha", "maxContactsPerSubnetPerBucket", "maxContactsPerSubnet",
    "maxRequestsPerSubnetPerSecond", "maxReplyBytesPerSubnetPerSecond", "requestTimeoutMs", "minRequestTimeoutMs", "lookupTimeoutMs", "maxInFlightRequests", "joinAttempts",
    "refreshIntervalMs", "defaultTtlMs", "maxTtlMs", "republishIntervalMs", "replicaRepublishIntervalMs",
    "maxPublishedItems", "tableSaveIntervalMs", "maxValueBytes", "maxStoreSharePerSubnet", "broadcastRedundancy", "broadcastAttemptsPerBucket",
    "broadcastDedupSize", "broadcastDedupWindowMs", "maxBroadcastsPerOriginPerSecond", "maxBroadcastsPerSubnetPerSecond", "disjointPaths", "addressQuorum"] as const;
  for (const name of positive) {
    if (!isNumber(config[name]) || !(config[name] > 0)) throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} must be > 0`);
  }
  const nonNegative = ["replacementCacheSize", "requestRetries", "maxQueuedRequests", "joinBackoffMs",
    "keepAliveIntervalMs", "keepAliveMaxPerTick", "natKeepAliveIntervalMs"] as const;
  for (const name of nonNegative) {
    if (!isNumber(config[name]) || !(config[name] >= 0)) throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} must be >= 0`);
  }
  for (const name of ["maxStoredRecords", "maxStoredBytes"] as const) {
    if (!Number.isSafeInteger(config[name]) || config[name] <= 0) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} must be a positive integer`);
    }
  }
  // Each path holds a shortlist of 4k: the count is bounded by k.
  if (!Number.isInteger(config.disjointPaths) || config.disjointPaths > config.k) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", "disjointPaths must be an integer from 1 to k");
  }
  for (const [name, value] of [["routeCache.maxEntries", config.routeCache.maxEntries], ["routeCache.ttlMs", config.routeCache.ttlMs],
    ["oneHop.maxContacts", config.oneHop.maxContacts]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new PlexusError("ERR_INVALID_ARGUMENT", `${name} must be an integer >= 0`);
  }
  if (!["auto", "client", "server"].includes(config.clientMode)) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", 'clientMode must be "auto", "client" or "server"');
  }
  if (config.lookupStallMs !== undefined && (!isNumber(config.lookupStallMs) || !(config.lookupStallMs > 0))) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", "lookupStallMs must be > 0");
  }
  return config;
}

/** A number (not NaN); a tunable given as a string or symbol is refused, not coerced. */
function isNumber(value: unknown): value is number {
  return typeof value === "number" && !Number.isNaN(value);
}
