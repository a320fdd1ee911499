import { WireEncodeError } from "../errors.js";
import { extensionBytes, isBin } from "../fields/extension-fields.js";
import type { ExtensionMap } from "../codec/message-spec.js";

/**
 * Registered extension-map keys (docs/protocol.md, section 8 "Versioning and extensions",
 * and section 10.1 "Registered extension keys"). Extensions are optional data on
 * existing messages: a receiver that does not know a key ignores it, and an ill-typed
 * value of a registered key is ignored too (never a reason to reject the datagram).
 */
export const ExtensionKey = {
  /** PING: a 16-byte challenge; asks the receiver to prove its node id in the PONG. */
  NONCE: 1,
  /** PONG: `[publicKey (32-byte bin), signature (64-byte bin)]`, the id proof. */
  ID_PROOF: 2,
  /** NODES / VALUE: a store token for the requester; STORE: the token being presented. */
  TOKEN: 3,
  /** STORE: the record kind (`RecordKind`); absent = decided by content (plain by default). */
  RECORD_KIND: 4,
  /** STORE of a mutable record: compare-and-swap, the sequence number expected at the receiver. */
  CAS: 5,
  /**
   * FIND_NODE: `true`; the requester asks for a store token in the NODES reply (10.3). Absent:
   * it does not intend to STORE, so the replier may skip computing one.
   */
  WANT_TOKEN: 6,
  /**
   * BROADCAST, PUBLISH, DELIVER, DIRECT, REQUEST: `[publicKey (32-byte bin), seq (uint),
   * signature (64-byte bin)]`, the origin's signature (docs/protocol.md 10.7).
   */
  ORIGIN_AUTH: 7,
  /** PING: padding, ignored (docs/protocol.md 10.6: room for a RETRY_WITH_TOKEN answer). */
  PAD: 8,
  /** PONG: `[ip (4- or 16-byte bin), port (uint)]`, the PING's source as seen (docs/protocol.md 10.8). */
  OBSERVED: 9,
  /**
   * PONG: `true`; the replier is a client: unreachable unsolicited, not for routing tables (10.8).
   * PING, FIND_NODE, FIND_VALUE: `true`; the requester is a client (10.8, BEP 43's read-only).
   */
  CLIENT: 10,
  /**
   * PING: an 8-byte nonce; asks the receiver to have another node PING this PING's source
   * with it (key 18). PONG: `true`; the replier asked one (docs/protocol.md 10.10).
   */
  DIAL_BACK: 16,
  /** PING: `[ip (4- or 16-byte bin), port (uint), nonce (8-byte bin)]`: PING that address once with the nonce (10.10). */
  DIAL_TO: 17,
  /** PING: the 8-byte nonce of a dial-back: sent unasked to the node that asked for it (10.10). */
  DIAL_NONCE: 18,
  /**
   * PING, FIND_NODE, FIND_VALUE: `[ip (4- or 16-byte bin), port (uint)]`, the requester's address
   * in the other IP family: it is dual-stack (docs/protocol.md 10.11).
   */
  ALT_ADDRESS: 19,
} as const;

/** Record kinds a STORE may declare (`ExtensionKey.RECORD_KIND`). */
export const RecordKind = {
  /** Last-writer-wins bytes under any key (the original library's items). */
  PLAIN: 0,
  /** Content-addressed: key = SHA-256(value); anyone can verify it. */
  IMMUTABLE: 1,
  /** Signed by its owner: key = SHA-256(publicKey || salt), seq only increases (like BEP 44). */
  MUTABLE: 2,
} as const;
/** A record kind code. */
export type RecordKindCode = (typeof RecordKind)[keyof typeof RecordKind];

/** Length of the PING identity challenge, in bytes. */
export const NONCE_BYTES = 16;
/** Length of a dial-back nonce (docs/protocol.md 10.10), in bytes. */
export const DIAL_NONCE_BYTES = 8;
/** Length of an ed25519 public key, in bytes. */
export const PUBLIC_KEY_BYTES = 32;
/** Length of an ed25519 signature, in bytes. */
export const SIGNATURE_BYTES = 64;
/** Shortest store token accepted on the wire, in bytes. */
export const MIN_TOKEN_BYTES = 4;
/** Longest store token accepted on the wire, in bytes. */
export const MAX_TOKEN_BYTES = 32;

/**
 * The store token of a NODES, VALUE or STORE extension map (10.3), copied; `undefined` when
 * absent or ill-typed.
 */
export function readToken(extensions: ExtensionMap | undefined): Uint8Array | undefined {
  return extensions === undefined ? undefined : extensionBytes(extensions, ExtensionKey.TOKEN, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES);
}

/**
 * `token` checked for sending (10.3).
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` unless it has MIN_TOKEN_BYTES to MAX_TOKEN_BYTES bytes.
 */
export function outToken(token: unknown): Uint8Array {
  if (!isBin(token, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES)) {
    throw new WireEncodeError("ERR_INVALID_ARGUMENT", `token must be ${MIN_TOKEN_BYTES} to ${MAX_TOKEN_BYTES} bytes`);
  }
  return token;
}

/** The extension map holding only `token`, or `undefined` without one (NODES and VALUE). */
export function tokenExtensions(token: Uint8Array | undefined): Map<number, unknown> | undefined {
  return token === undefined ? undefined : new Map([[ExtensionKey.TOKEN, outToken(token)]]);
}
