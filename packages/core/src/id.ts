import { ID_BITS, ID_BYTES } from "./constants.js";
import { toHex } from "./bytes.js";
import type { Random } from "./contracts.js";
import { PlexusError } from "./errors.js";

/**
 * A 256-bit node id or key: a 32-byte `Uint8Array`. Compared bytewise; the hex form is
 * only for logs and `Map` keys.
 */
export type NodeId = Uint8Array;

/** True when `value` is a 32-byte `Uint8Array`. */
export function isNodeId(value: unknown): value is NodeId {
  return value instanceof Uint8Array && value.length === ID_BYTES;
}

/**
 * Throws unless `value` is a 32-byte id.
 * @throws PlexusError `ERR_INVALID_ID`
 */
export function assertNodeId(value: unknown, what = "id"): asserts value is NodeId {
  if (!isNodeId(value)) {
    throw new PlexusError("ERR_INVALID_ID", `${what} must be a ${ID_BYTES}-byte Uint8Array`);
  }
}

/** XOR distance `a ^ b` (paper section 2.1), written into `out` when given. */
export function xorDistance(a: NodeId, b: NodeId, out = new Uint8Array(ID_BYTES)): Uint8Array {
  for (let i = 0; i < ID_BYTES; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/**
 * Compares the XOR distances of `a` and `b` to `target` without allocating:
 * negative when `a` is closer, positive when `b` is closer, zero when `a` equals `b`.
 */
export function compareDistance(a: NodeId, b: NodeId, target: NodeId): number {
  for (let i = 0; i < ID_BYTES; i++) {
    const t = target[i]!;
    const d = (a[i]! ^ t) - (b[i]! ^ t);
    if (d !== 0) return d;
  }
  return 0;
}

/** Number of leading bits `a` and `b` share (256 when equal). */
export function commonPrefixLength(a: NodeId, b: NodeId): number {
  for (let i = 0; i < ID_BYTES; i++) {
    const x = a[i]! ^ b[i]!;
    if (x !== 0) return i * 8 + Math.clz32(x) - 24;
  }
  return ID_BITS;
}

/**
 * Index of the k-bucket that holds `id` in the table of `self`: the common prefix
 * length, so bucket `i` holds ids at XOR distance in [2^(255-i), 2^(256-i)).
 * Returns -1 for `self` itself.
 */
export function bucketIndex(self: NodeId, id: NodeId): number {
  const cpl = commonPrefixLength(self, id);
  return cpl === ID_BITS ? -1 : cpl;
}

/** Hex form of an id, for logs and `Map` keys. */
export function idToHex(id: NodeId): string {
  return toHex(id);
}

/**
 * A random id in bucket `index` of the table of `self`: it shares exactly `index` leading
 * bits with `self` and differs at bit `index`; the remaining bits come from `random`.
 * Used to refresh a bucket by looking up an id in its range (paper section 2.3).
 * Consumes exactly one `random.bytes(32)` call, so seeded runs stay reproducible.
 * @throws PlexusError `ERR_INVALID_ID` when `self` is not a 32-byte id.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` when `index` is not an integer in 0..255.
 */
export function randomIdInBucket(self: NodeId, index: number, random: Random): NodeId {
  assertNodeId(self, "self");
  if (!Number.isInteger(index) || index < 0 || index >= ID_BITS) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `bucket index must be an integer in 0..${ID_BITS - 1}, got ${index}`);
  }
  const out = new Uint8Array(ID_BYTES);
  out.set(random.bytes(ID_BYTES).subarray(0, ID_BYTES));
  const byte = index >> 3;
  const bit = 0x80 >> (index & 7);
  for (let i = 0; i < byte; i++) out[i] = self[i]!;
  const prefix = ~((bit << 1) - 1) & 0xff; // bits of this byte before `bit`
  out[byte] = (self[byte]! & prefix) | (~self[byte]! & bit) | (out[byte]! & (bit - 1));
  return out;
}
