/**
 * @plexus/node: the Kademlia protocol engine. RPC correlation, retries, lookups, routing
 * table maintenance, the storage protocol with republish, and broadcast. The transport,
 * store, clock and randomness are injected; `@plexus/node/testing` builds simulated networks.
 * @packageDocumentation
 */
export { createNode } from "./node.js";
export { systemClock } from "./system-clock.js";
export { cryptoRandom } from "./crypto-random.js";
export { sha256 } from "./hash.js";
export { RpcTimeoutError, RemoteError } from "./errors.js";
export * from "./constants.js";
export type * from "./types.js";
export { topicKey, TOPIC_KEY_PREFIX } from "./realtime/topic-key.js";
export { UnreachableError } from "./realtime/errors.js";
export type { RealtimeErrorCode } from "./realtime/errors.js";
export type { RealtimeInit } from "./realtime/config.js";
export type { RealtimeStats } from "./realtime/stats.js";
export type * from "./realtime/types.js";
export * as realtimeDefaults from "./realtime/constants.js";
export { createIdentity, identityFromPrivateKey, identityFromSeed, idOfPublicKey, PRIVATE_KEY_BYTES } from "./identity/identity.js";
export type { NodeIdentity } from "./identity/identity.js";
export { verifySignature } from "./identity/verify.js";
export { idProofPayload, makeIdProof, checkIdProof } from "./identity/id-proof.js";
export { StoreTokens, STORE_TOKEN_BYTES, TOKEN_ROTATE_MS } from "./records/store-tokens.js";
export {
  mutableKey, signMutableRecord, parseMutableRecord, verifyMutableRecord, mutableSignedBytes,
  MAX_SALT_BYTES, MAX_MUTABLE_VALUE_BYTES, MUTABLE_RECORD_OVERHEAD_BYTES, MUTABLE_RECORD_MAGIC, MAX_SEQ,
} from "./records/mutable-record.js";
export type { MutableRecord, MutableRecordInput } from "./records/mutable-record.js";
export type { MutablePutInput, MutablePutResult, GetMutableOptions } from "./records/records-api.js";
export { RecordError, recordErrorCodeOf } from "./records/record-error.js";
export type { RecordErrorCode } from "./records/record-error.js";
export { judgeRecord } from "./records/judge-record.js";
export type { RecordVerdict, RecordRefusal } from "./records/judge-record.js";
