import { createHash } from "node:crypto";

/** SHA-256 of `bytes` (32 bytes): the default key of a value ("key = hash of value"). */
export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(bytes).digest());
}
