import { randomBytes, randomFillSync, randomInt } from "node:crypto";
import type { Random } from "@plexus/core";

const SPAN = 2 ** 47;

/** The real {@link Random}: `node:crypto`. Not reproducible; use `SeededRandom` in tests. */
export const cryptoRandom: Random = Object.freeze({
  next: (): number => randomInt(0, SPAN) / SPAN,
  int: (maxExclusive: number): number =>
    maxExclusive <= 1 ? 0 : maxExclusive <= SPAN ? randomInt(0, maxExclusive) : Math.floor((randomInt(0, SPAN) / SPAN) * maxExclusive),
  bytes: (length: number): Uint8Array => new Uint8Array(randomBytes(length)),
});

/** Bytes one refill of a {@link createCryptoRandom} pool draws from the CSPRNG. */
const POOL_BYTES = 4096;
/** Longer requests skip the pool (a 32-byte key seed or a 16-byte nonce is what it is for). */
const POOLED_MAX = 256;

/**
 * A {@link cryptoRandom} of its own whose `bytes()` hands out copies from a 4 KiB block
 * refilled from the CSPRNG (`randomFillSync`) when used up, as Node pools `randomUUID()`:
 * a `randomBytes(16)` per id challenge cost ~5-10 us of binding overhead, ~2 % of a
 * verifying node's CPU. Each call gets fresh bytes it owns; the pool zeroes what it handed
 * out. One per node (no process-wide pool).
 */
export function createCryptoRandom(): Random {
  const pool = new Uint8Array(POOL_BYTES);
  let used = POOL_BYTES;
  return Object.freeze({
    next: cryptoRandom.next,
    int: cryptoRandom.int,
    bytes: (length: number): Uint8Array => {
      if (length > POOLED_MAX) return cryptoRandom.bytes(length);
      if (used + length > POOL_BYTES) {
        randomFillSync(pool);
        used = 0;
      }
      const out = pool.slice(used, used + length);
      pool.fill(0, used, used + length);
      used += length;
      return out;
    },
  });
}
