import type { NodeId } from "./id.js";

/**
 * The first four bytes of `id` as a signed 32-bit big-endian integer (internal, not
 * re-exported). Equal ids have equal prefixes, so a prefix mismatch rules out equality
 * without touching the rest of the id; and `((prefix(a) ^ prefix(t)) >>> 0)` is the top
 * 32 bits of the XOR distance `a ^ t`, so comparing two of those orders distances unless
 * they tie (then compare the full ids). Small ints: an array of them stays unboxed.
 */
export function idPrefix(id: NodeId): number {
  return (id[0]! << 24) | (id[1]! << 16) | (id[2]! << 8) | id[3]!;
}
