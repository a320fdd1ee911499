import { randomBytes, randomInt } from "node:crypto";
import type { Random } from "@plexus/core";

const SPAN = 2 ** 47;

/** The real {@link Random}: `node:crypto`. Not reproducible; use `SeededRandom` in tests. */
export const cryptoRandom: Random = Object.freeze({
  next: (): number => randomInt(0, SPAN) / SPAN,
  int: (maxExclusive: number): number =>
    maxExclusive <= 1 ? 0 : maxExclusive <= SPAN ? randomInt(0, maxExclusive) : Math.floor((randomInt(0, SPAN) / SPAN) * maxExclusive),
  bytes: (length: number): Uint8Array => new Uint8Array(randomBytes(length)),
});
