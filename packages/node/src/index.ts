/**
 * @plexus/node: the Kademlia protocol engine. RPC correlation, retries, lookups, routing
 * table maintenance, the storage protocol with republish, and broadcast; a registry through
 * which layers (such as `@plexus/realtime`) add their own message types. The transport,
 * store, clock and randomness are injected; `@plexus/node/testing` builds simulated networks.
 * @packageDocumentation
 */
export { createNode } from "./engine.js";
export type { NodeComponents, NodeInit, NodeEvents, PlexusNode } from "./api/node.js";
export type { CallOptions } from "./api/call-options.js";
export { RpcTimeoutError, RemoteError, abortReason, throwIfAborted } from "./api/errors.js";
export { safeEmit } from "./api/safe-emit.js";
export * from "./config/constants.js";
export { systemClock } from "./platform/system-clock.js";
export { processLogger } from "./platform/process-logger.js";
export { NAMESPACES } from "./logging/node-logs.js";
export { Histogram, LATENCY_BUCKETS_MS, quantile } from "./stats/histogram.js";
export type { HistogramSnapshot } from "./stats/histogram.js";
export type { LatencyStats } from "./stats/latency.js";
export { createCryptoRandom, cryptoRandom } from "./platform/crypto-random.js";
export { sha256 } from "./platform/hash.js";
export { bytesKey } from "./ids/bytes-key.js";
export { DedupCache } from "./broadcast/dedup-cache.js";
export { OriginKind, NO_SCOPE, originPayload, signOrigin, checkOrigin } from "./origins/origin-signature.js";
export type { OriginKindCode, OriginFields } from "./origins/origin-signature.js";
export { OriginGuard } from "./origins/origin-guard.js";
export type { OriginGuardInit, OriginVerdict } from "./origins/origin-guard.js";
export { TokenBuckets } from "./limits/token-buckets.js";
export type { TokenBucketsInit } from "./limits/token-buckets.js";
export { PrefixLedger } from "./limits/prefix-ledger.js";
export type { Admission, PrefixLedgerInit } from "./limits/prefix-ledger.js";
export { subnetOf } from "./routing/subnet-limits.js";
export type { BroadcastEvent, BroadcastOptions, BroadcastResult } from "./broadcast/types.js";
export type {
  LookupOptions, LookupEvent, LookupResult, GetEvent, GetResult, PutEvent, PutResult, PutOptions, PutRecord,
} from "./query/types.js";
export { drain } from "./query/drain.js";
export type { NodeStats } from "./stats/node-stats.js";
export type { RouteCacheOptions } from "./query/route-cache.js";
export type { OneHopOptions } from "./routing/full-table.js";
export type { NatType } from "./reachability/nat-type.js";
export type { MessageCounters } from "./stats/counters.js";
export type { Protocol, ProtocolFactory, ProtocolHost, IncomingRequest, RequestHandler } from "./protocols/types.js";
export type { RequestBody, ExtensionBody, RpcOptions, RpcReply } from "./rpc/rpc.js";
export type { ReplyBody } from "./rpc/responder.js";
export { createIdentity, identityFromPrivateKey, identityFromSeed, idOfPublicKey, keyProvesId, PRIVATE_KEY_BYTES } from "./identity/identity.js";
export type { IdBindingState } from "./identity/id-binding.js";
export type { NodeIdentity } from "./identity/identity.js";
export { verifySignature } from "./identity/verify.js";
export { idProofPayload, makeIdProof, checkIdProof } from "./identity/id-proof.js";
export { StoreTokens, STORE_TOKEN_BYTES, TOKEN_ROTATE_MS } from "./records/store-tokens.js";
export {
  mutableKey, signMutableRecord, parseMutableRecord, verifyMutableRecord, mutableSignedBytes,
  MAX_SALT_BYTES, MAX_MUTABLE_VALUE_BYTES, MUTABLE_RECORD_OVERHEAD_BYTES, MUTABLE_RECORD_MAGIC, MAX_SEQ,
} from "./records/mutable-record.js";
export type { MutableRecord, MutableRecordInput } from "./records/mutable-record.js";
export type { MutablePutInput, MutablePutResult, GetMutableOptions } from "./records/types.js";
export { RecordError, recordErrorCodeOf } from "./records/record-error.js";
export type { RecordErrorCode } from "./records/record-error.js";
export { judgeRecord } from "./records/judge-record.js";
export type { RecordVerdict, RecordRefusal } from "./records/judge-record.js";
export type { NodeState, PublishedItem } from "./persistence/node-state.js";
export { createMemoryNodeState } from "./persistence/memory-node-state.js";
