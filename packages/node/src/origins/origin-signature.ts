import type { NodeId } from "@plexus/core";
import type { OriginAuth } from "@plexus/wire";
import { keyProvesId } from "../identity/identity.js";
import type { NodeIdentity } from "../identity/identity.js";
import { verifySignature } from "../identity/verify.js";

/**
 * What an origin signature is for (docs/protocol.md 10.7): one byte of the signed payload,
 * so that a signature made for one kind of message never passes as another.
 */
export const OriginKind = {
  /** BROADCAST; scope: 32 zero bytes. */
  BROADCAST: 1,
  /** PUBLISH and the DELIVERs made from it; scope: the topic key. */
  PUBLICATION: 2,
  /** DIRECT; scope: the recipient's node id. */
  DIRECT: 3,
  /** REQUEST; scope: the recipient's node id. */
  REQUEST: 4,
  /** RESERVE (a relay reservation, docs/protocol.md 13); scope: the relay's node id, data empty. */
  RESERVATION: 5,
} as const;
/** An origin kind code. */
export type OriginKindCode = (typeof OriginKind)[keyof typeof OriginKind];

/** What an origin signs besides its kind: the message's fixed fields and its data. */
export interface OriginFields {
  /** The origin node id (32 bytes): SHA-256(publicKey), or its address-bound form (10.9). */
  readonly origin: NodeId;
  /** The message id (16 bytes). */
  readonly id: Uint8Array;
  /** 32 bytes: zeros (broadcast), the topic (publication) or the recipient id (direct, request). */
  readonly scope: Uint8Array;
  readonly data: Uint8Array;
}

/** Domain separation: `"plexus-origin-v1"`, 16 ASCII bytes. */
const ORIGIN_DOMAIN = new TextEncoder().encode("plexus-origin-v1");
/** Bytes of the signed payload before `data`: tag, kind, origin, id, seq, scope. */
const HEAD_BYTES = ORIGIN_DOMAIN.length + 1 + 32 + 16 + 8 + 32;
/** The scope of a broadcast: 32 zero bytes (shared, never written). */
export const NO_SCOPE = new Uint8Array(32);

/**
 * The bytes an origin signs (docs/protocol.md 10.7):
 * `"plexus-origin-v1" || kind (1) || origin (32) || id (16) || seq (uint64 BE) || scope (32) || data`.
 */
export function originPayload(kind: OriginKindCode, fields: OriginFields, seq: number): Uint8Array {
  const out = new Uint8Array(HEAD_BYTES + fields.data.length);
  const view = new DataView(out.buffer);
  let at = ORIGIN_DOMAIN.length;
  out.set(ORIGIN_DOMAIN);
  out[at++] = kind;
  out.set(fields.origin, at);
  out.set(fields.id, (at += 32));
  at += 16;
  view.setUint32(at, Math.floor(seq / 2 ** 32));
  view.setUint32(at + 4, seq >>> 0);
  out.set(fields.scope, (at += 8));
  out.set(fields.data, at + 32);
  return out;
}

/** The signature of `fields` under `identity` with sequence number `seq`. */
export function signOrigin(identity: NodeIdentity, kind: OriginKindCode, fields: OriginFields, seq: number): OriginAuth {
  return { publicKey: identity.publicKey, seq, signature: identity.sign(originPayload(kind, fields, seq)) };
}

/**
 * True when `auth` proves that `fields.origin` sent this message: the key proves the origin
 * id (SHA-256(publicKey), or its address-bound form: keyProvesId, 10.9) and the signature over the payload verifies. One SHA-256 and one ed25519
 * verify (bench/origins.bench.ts).
 */
export function checkOrigin(auth: OriginAuth, kind: OriginKindCode, fields: OriginFields): boolean {
  if (fields.scope.length !== 32 || fields.id.length !== 16 || !keyProvesId(auth.publicKey, fields.origin)) return false;
  return verifySignature(auth.publicKey, originPayload(kind, fields, auth.seq), auth.signature);
}
