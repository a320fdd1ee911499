import type { Message } from "./messages.js";

/**
 * Registered extension-map keys (docs/protocol.md, section 8 "Versioning and extensions",
 * and section "Trusted storage" "Identity, tokens and records"). Extensions are optional data on
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
   * FIND_NODE: `true`; the requester asks for a store token in the NODES reply (T2). Absent:
   * it does not intend to STORE, so the replier may skip computing one.
   */
  WANT_TOKEN: 6,
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
/** Length of an ed25519 public key, in bytes. */
export const PUBLIC_KEY_BYTES = 32;
/** Length of an ed25519 signature, in bytes. */
export const SIGNATURE_BYTES = 64;
/** Shortest store token accepted on the wire, in bytes. */
export const MIN_TOKEN_BYTES = 4;
/** Longest store token accepted on the wire, in bytes. */
export const MAX_TOKEN_BYTES = 32;

/** True when `v` is a `Uint8Array` of `min` to `max` bytes (the extension value check). */
export function isBin(v: unknown, min: number, max = min): v is Uint8Array {
  return v instanceof Uint8Array && v.length >= min && v.length <= max;
}

/** True when `v` is a non-negative safe integer (the `cas` check). */
export function isSafeUint(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Adds the registered extensions of `ext` that apply to `message`'s type, copied out of
 * the datagram. Ill-typed values are ignored (section 8: never a reason to reject).
 */
export function readExtensions(message: Message, ext: Map<unknown, unknown>): Message {
  switch (message.type) {
    case "PING": {
      const nonce = ext.get(ExtensionKey.NONCE);
      return isBin(nonce, NONCE_BYTES) ? { ...message, nonce: nonce.slice() } : message;
    }
    case "PONG": {
      const proof = ext.get(ExtensionKey.ID_PROOF);
      if (!Array.isArray(proof) || proof.length !== 2) return message;
      const [publicKey, signature] = proof as unknown[];
      if (!isBin(publicKey, PUBLIC_KEY_BYTES) || !isBin(signature, SIGNATURE_BYTES)) return message;
      return { ...message, proof: { publicKey: publicKey.slice(), signature: signature.slice() } };
    }
    case "FIND_NODE":
      return ext.get(ExtensionKey.WANT_TOKEN) === true ? { ...message, wantToken: true } : message;
    case "NODES":
    case "VALUE": {
      const token = ext.get(ExtensionKey.TOKEN);
      return isBin(token, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES) ? { ...message, token: token.slice() } : message;
    }
    case "STORE": {
      let out = message;
      const token = ext.get(ExtensionKey.TOKEN);
      if (isBin(token, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES)) out = { ...out, token: token.slice() };
      const kind = ext.get(ExtensionKey.RECORD_KIND);
      if (kind === RecordKind.PLAIN || kind === RecordKind.IMMUTABLE || kind === RecordKind.MUTABLE) out = { ...out, kind };
      const cas = ext.get(ExtensionKey.CAS);
      if (isSafeUint(cas)) out = { ...out, cas };
      return out;
    }
    default:
      return message;
  }
}

/** Thrown by {@link writeExtensions}; `encode` turns it into `ERR_INVALID_ARGUMENT`. */
export class ExtensionEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExtensionEncodeError";
  }
}

function fail(field: string, rule: string): never {
  throw new ExtensionEncodeError(`${field} ${rule}`);
}

/** msgpackr packs uint above 2^32 as float64 unless given a bigint. */
function packUint(n: number): number | bigint {
  return n > 0xffff_ffff ? BigInt(n) : n;
}

/**
 * The extension map of `message`, or `undefined` when it sets none. Validates each value
 * so a peer never receives one `readExtensions` would ignore.
 * @throws ExtensionEncodeError on an ill-sized or ill-typed extension field.
 */
export function writeExtensions(message: Message): Map<number, unknown> | undefined {
  let ext: Map<number, unknown> | undefined;
  const set = (key: number, value: unknown): void => {
    ext ??= new Map();
    ext.set(key, value);
  };
  switch (message.type) {
    case "PING":
      if (message.nonce !== undefined) {
        if (!isBin(message.nonce, NONCE_BYTES)) fail("nonce", `must be ${NONCE_BYTES} bytes`);
        set(ExtensionKey.NONCE, message.nonce);
      }
      break;
    case "PONG":
      if (message.proof !== undefined) {
        const { publicKey, signature } = message.proof;
        if (!isBin(publicKey, PUBLIC_KEY_BYTES)) fail("proof.publicKey", `must be ${PUBLIC_KEY_BYTES} bytes`);
        if (!isBin(signature, SIGNATURE_BYTES)) fail("proof.signature", `must be ${SIGNATURE_BYTES} bytes`);
        set(ExtensionKey.ID_PROOF, [publicKey, signature]);
      }
      break;
    case "FIND_NODE":
      if (message.wantToken !== undefined) {
        if (message.wantToken !== true) fail("wantToken", "must be true when set");
        set(ExtensionKey.WANT_TOKEN, true);
      }
      break;
    case "NODES":
    case "VALUE":
    case "STORE":
      if (message.token !== undefined) {
        if (!isBin(message.token, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES)) {
          fail("token", `must be ${MIN_TOKEN_BYTES} to ${MAX_TOKEN_BYTES} bytes`);
        }
        set(ExtensionKey.TOKEN, message.token);
      }
      if (message.type !== "STORE") break;
      if (message.kind !== undefined) {
        if (message.kind !== 0 && message.kind !== 1 && message.kind !== 2) fail("kind", "must be 0, 1 or 2");
        set(ExtensionKey.RECORD_KIND, message.kind);
      }
      if (message.cas !== undefined) {
        if (!isSafeUint(message.cas)) fail("cas", "must be a non-negative safe integer");
        set(ExtensionKey.CAS, packUint(message.cas));
      }
      break;
    default:
      break;
  }
  return ext;
}
