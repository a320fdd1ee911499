import { Packr } from "msgpackr";

/**
 * A msgpackr instance for one codec (a `Packr` is also an `Unpackr`). Options, and why:
 * - `useRecords: false`: peers share no structure state; every datagram stands alone and
 *   is plain MessagePack another language can read.
 * - `mapsAsObjects: false`: maps (only extension maps in v1) decode to `Map`, so keys
 *   like `__proto__` or `constructor` are inert data, never object properties.
 * - `int64AsType: "number"`: 64-bit integers decode to numbers; anything above
 *   `Number.MAX_SAFE_INTEGER` rounds to at least 2^53 and fails the safe-integer checks.
 * msgpackr's ext types (records, dates, typed arrays, ...) never reach it: the pre-scan
 * rejects every ext type first.
 */
export function createPackr(): Packr {
  return new Packr({ useRecords: false, mapsAsObjects: false, int64AsType: "number" });
}
