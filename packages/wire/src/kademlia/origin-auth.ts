import { WireEncodeError } from "../errors.js";
import type { ExtensionMap } from "../codec/message-spec.js";
import { isBin, isSafeUint } from "../fields/extension-fields.js";
import { MAX_UINT32 } from "../constants.js";
import { ExtensionKey, PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from "./extensions.js";

/**
 * The origin signature (docs/protocol.md 10.7): extension key 7 on BROADCAST and on the
 * realtime PUBLISH, DELIVER, DIRECT and REQUEST. Which bytes the signature covers is the
 * node's concern (`@plexus/node` origins/); the wire only carries and type-checks it.
 */
export interface OriginAuth {
  /** The origin's raw ed25519 public key; the origin id is SHA-256 of it. */
  readonly publicKey: Uint8Array;
  /** The origin's message counter, increasing per message (replay protection). */
  readonly seq: number;
  /** ed25519 signature (64 bytes) over the origin payload of 10.7. */
  readonly signature: Uint8Array;
}

/**
 * Largest `data` of a signed BROADCAST / PUBLISH / DELIVER / DIRECT / REQUEST, so that the
 * largest of them (PUBLISH, 1157 bytes with 1024 bytes of data) still fits one datagram
 * with the 112-byte signature extension and 19 bytes to spare: 1157 - 1024 + 960 + 112 = 1205.
 */
export const MAX_SIGNED_DATA_BYTES = 960;

/** The signature under key 7, copied, or `undefined` when absent or ill-typed (ignored, section 8). */
export function readOriginAuth(ext: ExtensionMap | undefined): OriginAuth | undefined {
  const v = ext?.get(ExtensionKey.ORIGIN_AUTH);
  if (!Array.isArray(v) || v.length !== 3) return undefined;
  const [publicKey, seq, signature] = v as unknown[];
  if (!isBin(publicKey, PUBLIC_KEY_BYTES) || !isSafeUint(seq) || !isBin(signature, SIGNATURE_BYTES)) return undefined;
  return { publicKey: publicKey.slice(), seq, signature: signature.slice() };
}

/**
 * The extension map carrying `auth`, or `undefined` without one.
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for an ill-typed signature.
 */
export function originAuthExtensions(auth: OriginAuth | undefined): Map<number, unknown> | undefined {
  if (auth === undefined) return undefined;
  const { publicKey, seq, signature } = auth;
  if (!isBin(publicKey, PUBLIC_KEY_BYTES) || !isSafeUint(seq) || !isBin(signature, SIGNATURE_BYTES)) {
    throw new WireEncodeError("ERR_INVALID_ARGUMENT", "auth must be [32-byte key, safe uint seq, 64-byte signature]");
  }
  // msgpackr packs a number above 2^32 - 1 as a float 64; a bigint goes as int 64 (d3).
  return new Map([[ExtensionKey.ORIGIN_AUTH, [publicKey, seq > MAX_UINT32 ? BigInt(seq) : seq, signature]]]);
}

/** `message` with `auth` added when present (decoders build messages without it otherwise). */
export function withOriginAuth<M extends object>(message: M, ext: ExtensionMap | undefined): M & { readonly auth?: OriginAuth } {
  const auth = readOriginAuth(ext);
  return auth === undefined ? message : { ...message, auth };
}
