import { utf8 } from "@plexus/core";
import { identityFromPrivateKey, sha256 } from "@plexus/node";
import type { NodeIdentity } from "@plexus/node";
import { isHexKey, toKey } from "../key.js";
import type { KeyLike } from "../key.js";

/** Domain of the key pair a name stands for (so it is never another hash of the name). */
const NAME_DOMAIN = utf8("plexus/seed-name/v1:");

/**
 * True for an id the original library's way: any string that is not 64 hex characters
 * (`"alice"`, `"0x" + hex`). Such a node id is a name, not bytes.
 */
export function isNamedId(id: unknown): id is string {
  return typeof id === "string" && !isHexKey(id);
}

/**
 * The key pair a name stands for: its ed25519 private key is SHA-256 of a domain and the
 * name, so every node derives the same id for the same name and the named node can prove
 * it (verifying peers admit it). Anyone who knows the name can derive the key too: a name
 * is an address, not a secret (docs/security.md, "Named ids").
 */
export function identityOfName(name: string): NodeIdentity {
  const bytes = utf8(name);
  const input = new Uint8Array(NAME_DOMAIN.length + bytes.length);
  input.set(NAME_DOMAIN);
  input.set(bytes, NAME_DOMAIN.length);
  return identityFromPrivateKey(sha256(input));
}

/**
 * A node id as the seed-style calls take it: 64 hex characters (or 32 bytes) as they are,
 * a name as the id of {@link identityOfName}.
 * @throws PlexusError `ERR_INVALID_ID` for anything else.
 */
export function seedNodeId(id: KeyLike): Uint8Array {
  return isNamedId(id) ? identityOfName(id).id : toKey(id, "id");
}
