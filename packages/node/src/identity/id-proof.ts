import type { NodeId } from "@plexus/core";
import type { IdProof } from "@plexus/wire";
import { keyProvesId } from "./identity.js";
import type { NodeIdentity } from "./identity.js";
import { verifySignature } from "./verify.js";

/** Domain separation of id proofs: no other Plexus signature can be replayed as one. */
const ID_PROOF_DOMAIN = new TextEncoder().encode("plexus-id-proof-v1");

/**
 * The bytes an id proof signs (docs/protocol.md 10.2):
 * `"plexus-id-proof-v1" || nonce (16) || pinger id (32) || responder id (32)`.
 * The pinger's fresh random nonce makes a proof single-use; binding both ids stops a proof
 * made for one pinger from being relayed to another.
 */
export function idProofPayload(nonce: Uint8Array, pingerId: NodeId, responderId: NodeId): Uint8Array {
  const out = new Uint8Array(ID_PROOF_DOMAIN.length + nonce.length + 64);
  out.set(ID_PROOF_DOMAIN);
  out.set(nonce, ID_PROOF_DOMAIN.length);
  out.set(pingerId, ID_PROOF_DOMAIN.length + nonce.length);
  out.set(responderId, ID_PROOF_DOMAIN.length + nonce.length + 32);
  return out;
}

/**
 * The proof a responder puts in its PONG to a PING carrying `nonce` from `pingerId`, for its
 * id `responderId` (SHA-256 of its key, or the address-bound form of it, 10.9).
 */
export function makeIdProof(identity: NodeIdentity, nonce: Uint8Array, pingerId: NodeId, responderId: NodeId = identity.id): IdProof {
  return { publicKey: identity.publicKey, signature: identity.sign(idProofPayload(nonce, pingerId, responderId)) };
}

/**
 * True when `proof` shows that `claimedId` owns its key: the key proves `claimedId`
 * (SHA-256(publicKey) but for the 21 address-bound bits, {@link keyProvesId}) and the signature over (nonce, pingerId, claimedId) verifies. Costs one SHA-256 and one
 * ed25519 verify (~180 µs on the reference machine, bench/records.bench.ts).
 */
export function checkIdProof(proof: IdProof | undefined, claimedId: NodeId, nonce: Uint8Array, pingerId: NodeId): boolean {
  if (proof === undefined) return false;
  if (!keyProvesId(proof.publicKey, claimedId)) return false;
  return verifySignature(proof.publicKey, idProofPayload(nonce, pingerId, claimedId), proof.signature);
}
