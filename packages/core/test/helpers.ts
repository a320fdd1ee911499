/** Test-only helpers: id builders, bigint views and a brute-force oracle. */
import fc from "fast-check";
import type { Contact, NodeId } from "../src/index.js";
import { compareDistance } from "../src/index.js";

/** An arbitrary 32-byte id. */
export const arbId = (): fc.Arbitrary<NodeId> => fc.uint8Array({ minLength: 32, maxLength: 32 });

/** The id as an unsigned 256-bit integer (tests only: bigint stays out of src). */
export function toBig(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** Bit `i` (0 = most significant) of `id`. */
export function bit(id: Uint8Array, i: number): number {
  return (id[i >> 3]! >> (7 - (i & 7))) & 1;
}

/**
 * An id sharing exactly `cpl` leading bits with `self` (cpl < 256), other bits from
 * `noise`. Written bit by bit so it is independent of `randomIdInBucket`.
 */
export function idWithPrefix(self: NodeId, cpl: number, noise: Uint8Array): NodeId {
  const out = new Uint8Array(32);
  for (let i = 0; i < 256; i++) {
    const v = i < cpl ? bit(self, i) : i === cpl ? 1 - bit(self, i) : bit(noise, i);
    if (v) out[i >> 3]! |= 0x80 >> (i & 7);
  }
  return out;
}

/** A contact with a fixed address. */
export function contact(id: NodeId, port = 4000): Contact {
  return { id, host: "127.0.0.1", port };
}

/** Brute force: every contact sorted by distance to `target`, filtered, first `count`. */
export function bruteClosest(
  all: Iterable<Contact>,
  target: NodeId,
  count: number,
  exclude?: (c: Contact) => boolean,
): Contact[] {
  return [...all]
    .filter((c) => !exclude?.(c))
    .sort((a, b) => compareDistance(a.id, b.id, target))
    .slice(0, count);
}
