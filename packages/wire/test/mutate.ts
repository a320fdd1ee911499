import { concatBytes } from "@plexus/core";
import type { SeededRandom } from "@plexus/core/testing";
import { MAX_DATAGRAM_BYTES } from "../src/index.js";

/** Corpus helpers of the fuzz tests: random lengths and mutations. */

/** Random lengths: mostly short, some near and above the datagram limit. */
export function randomLength(r: SeededRandom): number {
  const roll = r.next();
  if (roll < 0.6) return r.int(64);
  if (roll < 0.95) return r.int(MAX_DATAGRAM_BYTES + 1);
  return MAX_DATAGRAM_BYTES + 1 + r.int(64);
}

/** `seed` with 1 to 4 random mutations: bit flips, truncation, insertions, deletions, odd bytes. */
export function mutate(seed: Uint8Array, r: SeededRandom): Uint8Array {
  let bytes: Uint8Array = seed.slice();
  const count = 1 + r.int(4);
  for (let m = 0; m < count; m++) {
    const at = bytes.length === 0 ? 0 : r.int(bytes.length);
    switch (r.int(6)) {
      case 0: // flip one bit
        if (bytes.length > 0) bytes[at]! ^= 1 << r.int(8);
        break;
      case 1: // truncate
        bytes = bytes.slice(0, at);
        break;
      case 2: // insert random bytes
        bytes = concatBytes(bytes.subarray(0, at), r.bytes(1 + r.int(8)), bytes.subarray(at));
        break;
      case 3: // delete a run
        bytes = concatBytes(bytes.subarray(0, at), bytes.subarray(at + 1 + r.int(8)));
        break;
      case 4: // overwrite with an interesting MessagePack byte
        if (bytes.length > 0) bytes[at] = [0xc1, 0xc0, 0xdd, 0xdf, 0xcb, 0xca, 0xd4, 0xff, 0x00, 0x7f, 0x80, 0x9f][r.int(12)]!;
        break;
      default: // replace a byte at random
        if (bytes.length > 0) bytes[at] = r.int(256);
    }
  }
  return bytes;
}
