import { PlexusError, assertNodeId } from "@plexus/core";
import type { NodeId, Random } from "@plexus/core";
import { PRIVATE_KEY_BYTES, identityFromPrivateKey, keyProvesId } from "./identity.js";
import type { NodeIdentity } from "./identity.js";

/** A node's id and, when it has one, the key pair that proves it. */
export interface OwnIdentity {
  readonly id: NodeId;
  readonly identity: NodeIdentity | undefined;
}

/**
 * The id and identity a node runs with (`NodeComponents.id` / `identity`):
 * - `identity` given: its id (`id`, when also given, must be one its key proves: keyProvesId);
 * - only `id` given: that id and no identity: the node cannot answer id challenges, so
 *   peers that verify identities (the default) never admit it to their tables;
 * - neither: a fresh ed25519 identity from 32 bytes of `random` (deterministic with a
 *   seeded Random). Costs one private-key import, ~380 µs (OpenSSL 3's DER decoder;
 *   bench/records.bench.ts), once per node.
 * @throws PlexusError `ERR_INVALID_ID` on a malformed id; `ERR_INVALID_ARGUMENT` when `id` is
 *   not SHA-256 of `identity`'s public key nor an address-bound form of it (docs/protocol.md 10.9).
 */
export function ownIdentity(given: { readonly id?: NodeId | undefined; readonly identity?: NodeIdentity | undefined }, random: Random): OwnIdentity {
  const identity = given.identity ?? (given.id === undefined ? identityFromPrivateKey(random.bytes(PRIVATE_KEY_BYTES)) : undefined);
  assertNodeId(given.id ?? identity!.id);
  // A private copy: an address-bound id (10.9) is written into these bytes in place.
  const id = (given.id ?? identity!.id).slice();
  if (identity && !keyProvesId(identity.publicKey, id)) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", "id must be SHA-256 of the identity's public key or its address-bound form (or left out)");
  }
  return { id, identity };
}
