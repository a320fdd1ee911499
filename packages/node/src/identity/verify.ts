import { createPublicKey, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";

/** DER prefix of an ed25519 SPKI public key; the 32 raw bytes follow (RFC 8410). */
const SPKI_ED25519_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
function publicKeyObject(publicKey: Uint8Array): KeyObject {
  const der = new Uint8Array(SPKI_ED25519_PREFIX.length + 32);
  der.set(SPKI_ED25519_PREFIX);
  der.set(publicKey, SPKI_ED25519_PREFIX.length);
  return createPublicKey({ key: Buffer.from(der), format: "der", type: "spki" });
}

/**
 * True when `signature` is a valid ed25519 signature of `data` by the 32-byte raw
 * `publicKey`. Never throws: a malformed key or signature is simply invalid.
 */
export function verifySignature(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return verify(null, data, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}
