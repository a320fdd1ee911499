import type { ExtensionMap } from "../codec/message-spec.js";
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
