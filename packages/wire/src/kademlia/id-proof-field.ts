import type { ExtensionMap } from "../codec/message-spec.js";
import { binSize } from "../codec/msgpack-sizes.js";
import type { MsgpackWriter } from "../codec/msgpack-writer.js";
import { WireEncodeError } from "../errors.js";
import { extensionBytes, isBin } from "../fields/extension-fields.js";
import { ExtensionKey, NONCE_BYTES, PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from "./extensions.js";
import type { IdProof } from "./messages.js";

/**
 * The id-proof extensions (docs/protocol.md 10.2): the challenge `nonce` under key 1 (PING,
 * FIND_NODE) and the `proof` answering it under key 2 (PONG, NODES).
 */

/** Sets key 1 to `nonce`, checked. */
export function outNonce(ext: Map<number, unknown>, nonce: Uint8Array): void {
  if (!isBin(nonce, NONCE_BYTES)) throw new WireEncodeError("ERR_INVALID_ARGUMENT", `nonce must be ${NONCE_BYTES} bytes`);
  ext.set(ExtensionKey.NONCE, nonce);
}

/** The nonce under key 1, or `undefined` when absent or ill-typed. */
export function readNonce(ext: ExtensionMap | undefined): Uint8Array | undefined {
  return ext === undefined ? undefined : extensionBytes(ext, ExtensionKey.NONCE, NONCE_BYTES);
}

/** Sets key 2 to `[publicKey, signature]`, checked. */
export function outProof(ext: Map<number, unknown>, proof: IdProof): void {
  const { publicKey, signature } = proof;
  if (!isBin(publicKey, PUBLIC_KEY_BYTES)) throw new WireEncodeError("ERR_INVALID_ARGUMENT", `proof.publicKey must be ${PUBLIC_KEY_BYTES} bytes`);
  if (!isBin(signature, SIGNATURE_BYTES)) throw new WireEncodeError("ERR_INVALID_ARGUMENT", `proof.signature must be ${SIGNATURE_BYTES} bytes`);
  ext.set(ExtensionKey.ID_PROOF, [publicKey, signature]);
}

/** The id proof under key 2, copied, or `undefined` when absent or ill-typed. */
export function readProof(ext: ExtensionMap | undefined): IdProof | undefined {
  const proof = ext?.get(ExtensionKey.ID_PROOF);
  if (!Array.isArray(proof) || proof.length !== 2) return undefined;
  const [publicKey, signature] = proof as unknown[];
  if (!isBin(publicKey, PUBLIC_KEY_BYTES) || !isBin(signature, SIGNATURE_BYTES)) return undefined;
  return { publicKey: publicKey.slice(), signature: signature.slice() };
}

/** Fast encoder (kademlia/fast-encoder.ts): size of the pair `2: [publicKey, signature]`: key, array header, two bins. */
export const PROOF_PAIR_BYTES = 2 + binSize(PUBLIC_KEY_BYTES) + binSize(SIGNATURE_BYTES);

/** `proof` when absent or well-formed (`undefined` or the proof), `null` when the full path must judge it. */
export function idProof(proof: unknown): IdProof | undefined | null {
  if (proof === undefined) return undefined;
  if (typeof proof !== "object" || proof === null) return null;
  const { publicKey, signature } = proof as Partial<IdProof>;
  return isBin(publicKey, PUBLIC_KEY_BYTES) && isBin(signature, SIGNATURE_BYTES) ? { publicKey, signature } : null;
}

/** Fast encoder: writes the pair `2: [publicKey, signature]` (its map header is the caller's). */
export function writeProofPair(w: MsgpackWriter, proof: IdProof): void {
  w.uint(ExtensionKey.ID_PROOF);
  w.arrayHeader(2);
  w.bin(proof.publicKey);
  w.bin(proof.signature);
}
