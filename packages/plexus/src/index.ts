/**
 * plexus: a Kademlia DHT for Node.js with batteries included (UDP transport, in-memory
 * store). `new Node()` keeps the original library's API (`connect`, `store`, `find`,
 * `broadcast`, `message`, `self` with events) and adds a promise API (`put`, `get`, `findNode`, `close`).
 * @packageDocumentation
 */
export { Node } from "./node.js";
export { FindRequest } from "./find-request.js";
export type { FindEventMap } from "./find-request.js";
export { StoreRequest } from "./store-request.js";
export { ConnectRequest } from "./seed/connect-request.js";
export type { ConnectEventMap } from "./seed/connect-request.js";
export type { SeedContact, SeedItem, SeedStoredItem, FoundItem, StoreArgs, FindArgs, MessageArgs } from "./seed/types.js";
export type { SeedOptions } from "./seed/options.js";
export { encodeValue, decodeValue } from "./value-codec.js";
export { toKey, keyOfEncoded } from "./key.js";
export type { AddressLike } from "./options.js";
export type { KeyLike } from "./key.js";
export { DEFAULT_HOST, DEFAULT_PORT, KEY_BYTES, ValueKind } from "./constants.js";
export type * from "./types.js";
export { Subscription, toTopicKey } from "./realtime.js";
export type { TopicLike, TopicMessage, PublishOutcome, RequestListener, ReplyFunction } from "./realtime.js";
export { topicKey } from "@plexus/realtime";
export { PlexusError, isPlexusError, toHex, fromHex } from "@plexus/core";
export type { HexContact } from "./hex-contact.js";
export type { Address, Contact, PlexusErrorCode } from "@plexus/core";
export type { PlexusNode, NodeInit, NodeStats, BroadcastResult } from "@plexus/node";
export { createIdentity, identityFromPrivateKey, RecordError } from "@plexus/node";
export type { NodeIdentity, MutableRecord, RecordErrorCode } from "@plexus/node";
export { wallClock } from "./wall-clock.js";
export { DataDirLockedError, LOCK_FILE_NAME } from "./data-dir-lock.js";
export type { FacadeErrorCode, LockOwner } from "./data-dir-lock.js";
export type { OperationSignal } from "./in-flight.js";
export { prometheusText, PROMETHEUS_CONTENT_TYPE } from "./metrics/prometheus.js";
export type { MetricsStats, MetricsTextOptions } from "./metrics/prometheus.js";
export { serveMetrics } from "./metrics/serve.js";
export type { ServeMetricsOptions, MetricsServer } from "./metrics/serve.js";
export type { Logger, Log, LogFields } from "@plexus/core";
export { createDebugLogger, silentLogger } from "@plexus/core";
export type { HistogramSnapshot, LatencyStats } from "@plexus/node";
