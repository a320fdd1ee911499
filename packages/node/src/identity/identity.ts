import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { PlexusError } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { sha256 } from "../platform/hash.js";

/** Length of an ed25519 private key seed (the exported private key), in bytes. */
export const PRIVATE_KEY_BYTES = 32;

/** DER prefix of an ed25519 PKCS#8 private key; the 32-byte seed follows (RFC 8410). */
const PKCS8_ED25519_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/**
 * A node's key pair. Its node id is **SHA-256 of the 32-byte raw ed25519 public key**
 * (docs/protocol.md 10.2), so a peer can check a claimed id against a public key and a
 * signature. The private key stays a `KeyObject` inside; only `exportPrivateKey()` copies
 * its 32-byte seed out (for persistence).
 */
export interface NodeIdentity {
  /** SHA-256(publicKey): the node id this identity proves. */
  readonly id: NodeId;
  /** The raw ed25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  /** ed25519 signature (64 bytes) of `data`. */
  sign(data: Uint8Array): Uint8Array;
  /** The 32-byte private key seed; `identityFromPrivateKey` restores the identity from it. */
  exportPrivateKey(): Uint8Array;
}

class Ed25519Identity implements NodeIdentity {
  readonly id: NodeId;
  readonly publicKey: Uint8Array;
  readonly #privateKey: KeyObject;

  constructor(privateKey: KeyObject) {
    this.#privateKey = privateKey;
    this.publicKey = rawPublicKey(privateKey);
    this.id = idOfPublicKey(this.publicKey);
  }

  sign(data: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, data, this.#privateKey));
  }

  exportPrivateKey(): Uint8Array {
    const der = this.#privateKey.export({ format: "der", type: "pkcs8" });
    return new Uint8Array(der.subarray(der.length - PRIVATE_KEY_BYTES));
  }
}

/** The node id a public key proves: SHA-256 of the 32 raw public-key bytes. */
export function idOfPublicKey(publicKey: Uint8Array): NodeId {
  return sha256(publicKey);
}

/**
 * True when `publicKey` proves `id`: `id` agrees with SHA-256(publicKey) in every bit but the
 * top BOUND_ID_BITS (21), which a server's public address fixes (docs/protocol.md 10.2,
 * 10.9). So SHA-256(publicKey) itself and each of its address-bound forms are the key's ids;
 * another key's id would need a 235-bit SHA-256 match.
 */
export function keyProvesId(publicKey: Uint8Array, id: NodeId): boolean {
  if (id.length !== 32) return false;
  const hash = idOfPublicKey(publicKey);
  if ((hash[2]! & 0x07) !== (id[2]! & 0x07)) return false;
  for (let i = 3; i < 32; i++) if (hash[i] !== id[i]) return false;
  return true;
}

/** A fresh ed25519 identity from the operating system's CSPRNG. */
export function createIdentity(): NodeIdentity {
  return new Ed25519Identity(generateKeyPairSync("ed25519").privateKey);
}

/**
 * Restores the identity whose `exportPrivateKey()` gave `privateKey` (a 32-byte ed25519
 * seed). Deterministic: the same bytes give the same id; tests and simulations derive
 * identities from seeded bytes with it.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` unless `privateKey` is 32 bytes.
 */
export function identityFromPrivateKey(privateKey: Uint8Array): NodeIdentity {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== PRIVATE_KEY_BYTES) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `an ed25519 private key is ${PRIVATE_KEY_BYTES} bytes`);
  }
  return new Ed25519Identity(importSeed(privateKey));
}

/** The raw 32-byte public key of an ed25519 private key (its JWK `x`; ~4 us, the DER SPKI export ~80 us). */
function rawPublicKey(privateKey: KeyObject): Uint8Array {
  const x = createPublicKey(privateKey).export({ format: "jwk" }).x;
  return new Uint8Array(Buffer.from(x ?? "", "base64url"));
}

/** JWK `x` placeholder for {@link importSeed}: 32 zero bytes, never a key this node holds. */
const PLACEHOLDER_X = Buffer.alloc(32).toString("base64url");

/**
 * The `KeyObject` of a 32-byte ed25519 seed. Node has no raw private-key import before 24;
 * its JWK import derives the public key from `d` alone (~30 us with the public key's export,
 * measured over 3,000 seeds on node 20), where the PKCS#8 DER import goes through OpenSSL 3's
 * decoder (~380 us; ~14% of the 10,000-node simulator's build, which derives every identity
 * from a seed). The JWK schema requires `x`, so a placeholder goes in and the result is
 * checked: a Node that took `x` as given would hand the placeholder back, one that validates
 * it would throw; both fall back to the DER import.
 */
function importSeed(seed: Uint8Array): KeyObject {
  try {
    const d = Buffer.from(seed.buffer, seed.byteOffset, seed.length).toString("base64url");
    const key = createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", d, x: PLACEHOLDER_X }, format: "jwk" });
    if (createPublicKey(key).export({ format: "jwk" }).x !== PLACEHOLDER_X) return key;
  } catch {
    // falls back to the DER import below
  }
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + PRIVATE_KEY_BYTES);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  return createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
}

/** Same as {@link identityFromPrivateKey}: an ed25519 private key is its 32-byte seed. */
export const identityFromSeed = identityFromPrivateKey;
