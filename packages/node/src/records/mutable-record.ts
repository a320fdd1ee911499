import { PlexusError, bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { MAX_VALUE_BYTES } from "@plexus/wire";
import { sha256 } from "../platform/hash.js";
import type { NodeIdentity } from "../identity/identity.js";
import { verifySignature } from "../identity/verify.js";

/** First bytes of a mutable record envelope: "PXM" and format version 1. */
export const MUTABLE_RECORD_MAGIC = Uint8Array.from([0x50, 0x58, 0x4d, 0x01]);
/** Longest salt of a mutable record, in bytes (as BEP 44). */
export const MAX_SALT_BYTES = 64;
/** Envelope bytes before salt and value: magic 4 + public key 32 + seq 8 + salt length 1 + signature 64. */
export const MUTABLE_RECORD_OVERHEAD_BYTES = 109;
/**
 * Largest value of a mutable record with the longest salt: the envelope travels as a
 * STORE/VALUE value, so it must fit `MAX_VALUE_BYTES` (1024): 1024 - 109 - 64 = 851.
 * With a shorter salt, `1024 - 109 - salt.length` bytes fit.
 */
export const MAX_MUTABLE_VALUE_BYTES = MAX_VALUE_BYTES - MUTABLE_RECORD_OVERHEAD_BYTES - MAX_SALT_BYTES;
/** Largest sequence number: seq is a uint64 on the wire, a safe integer in JavaScript. */
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** Domain separation: a mutable-record signature is never valid as another Plexus signature. */
const SIGN_DOMAIN = new TextEncoder().encode("plexus-mutable-v1");

/** A signed, mutable record (docs/protocol.md 10.4), parsed from its envelope. */
export interface MutableRecord {
  /** SHA-256(publicKey || salt). */
  readonly key: NodeId;
  /** The owner's raw ed25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  /** 0 to 64 bytes; lets one key pair own many records. */
  readonly salt: Uint8Array;
  /** Only increases; the highest valid seq wins. */
  readonly seq: number;
  readonly value: Uint8Array;
  /** ed25519 over `"plexus-mutable-v1" || len(salt) || salt || seq (u64 BE) || value`. */
  readonly signature: Uint8Array;
  /** The whole envelope: what STORE carries and stores hold. */
  readonly bytes: Uint8Array;
}

/** The key of the mutable record owned by `publicKey` under `salt`: SHA-256(publicKey || salt). */
export function mutableKey(publicKey: Uint8Array, salt: Uint8Array = new Uint8Array(0)): NodeId {
  const joined = new Uint8Array(publicKey.length + salt.length);
  joined.set(publicKey);
  joined.set(salt, publicKey.length);
  return sha256(joined);
}

/** The bytes a mutable record's signature covers. */
export function mutableSignedBytes(salt: Uint8Array, seq: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(SIGN_DOMAIN.length + 1 + salt.length + 8 + value.length);
  let at = 0;
  out.set(SIGN_DOMAIN, at); at += SIGN_DOMAIN.length;
  out[at++] = salt.length;
  out.set(salt, at); at += salt.length;
  new DataView(out.buffer).setBigUint64(at, BigInt(seq)); at += 8;
  out.set(value, at);
  return out;
}

/** What {@link signMutableRecord} needs. */
export interface MutableRecordInput {
  readonly value: Uint8Array;
  /** Non-negative safe integer; must exceed the seq stored in the network to replace it. */
  readonly seq: number;
  /** @default empty */
  readonly salt?: Uint8Array;
}

/**
 * Signs a mutable record with `identity` and returns it with its envelope.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` (bad seq or salt) or `ERR_VALUE_TOO_LARGE`
 *   (the envelope would exceed `MAX_VALUE_BYTES`).
 */
export function signMutableRecord(identity: NodeIdentity, input: MutableRecordInput): MutableRecord {
  const salt = input.salt ?? new Uint8Array(0);
  const { value, seq } = input;
  if (!(value instanceof Uint8Array)) throw new PlexusError("ERR_INVALID_ARGUMENT", "value must be a Uint8Array");
  if (!(salt instanceof Uint8Array) || salt.length > MAX_SALT_BYTES) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `salt must be at most ${MAX_SALT_BYTES} bytes`);
  }
  if (!Number.isSafeInteger(seq) || seq < 0) throw new PlexusError("ERR_INVALID_ARGUMENT", "seq must be a non-negative safe integer");
  const room = MAX_VALUE_BYTES - MUTABLE_RECORD_OVERHEAD_BYTES - salt.length;
  if (value.length > room) throw new PlexusError("ERR_VALUE_TOO_LARGE", `a mutable value with this salt fits ${room} bytes`);
  const signature = identity.sign(mutableSignedBytes(salt, seq, value));
  const bytes = new Uint8Array(MUTABLE_RECORD_OVERHEAD_BYTES + salt.length + value.length);
  let at = 0;
  bytes.set(MUTABLE_RECORD_MAGIC, at); at += 4;
  bytes.set(identity.publicKey, at); at += 32;
  new DataView(bytes.buffer).setBigUint64(at, BigInt(seq)); at += 8;
  bytes[at++] = salt.length;
  bytes.set(salt, at); at += salt.length;
  bytes.set(signature, at); at += 64;
  bytes.set(value, at);
  return { key: mutableKey(identity.publicKey, salt), publicKey: identity.publicKey.slice(), salt: salt.slice(), seq, value: value.slice(), signature, bytes };
}

/** True when `bytes` starts with the mutable record magic. */
export function looksMutable(bytes: Uint8Array): boolean {
  return bytes.length >= MUTABLE_RECORD_OVERHEAD_BYTES && bytesEqual(bytes.subarray(0, 4), MUTABLE_RECORD_MAGIC);
}

/**
 * Parses an envelope (no signature check: see {@link verifyMutableRecord}); `undefined`
 * when the bytes are not a well-formed envelope. The fields are views of `bytes`.
 */
export function parseMutableRecord(bytes: Uint8Array): MutableRecord | undefined {
  if (!looksMutable(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seq = view.getBigUint64(36);
  if (seq > BigInt(MAX_SEQ)) return undefined;
  const saltLength = bytes[44]!;
  if (saltLength > MAX_SALT_BYTES || bytes.length < MUTABLE_RECORD_OVERHEAD_BYTES + saltLength) return undefined;
  const publicKey = bytes.subarray(4, 36);
  const salt = bytes.subarray(45, 45 + saltLength);
  const signature = bytes.subarray(45 + saltLength, 109 + saltLength);
  const value = bytes.subarray(109 + saltLength);
  return { key: mutableKey(publicKey, salt), publicKey, salt, seq: Number(seq), value, signature, bytes };
}

/** True when `record`'s signature verifies under its own public key. */
export function verifyMutableRecord(record: MutableRecord): boolean {
  return verifySignature(record.publicKey, mutableSignedBytes(record.salt, record.seq, record.value), record.signature);
}
