/** Reused argument buffer; only touched synchronously. */
const UNITS: number[] = new Array<number>(16).fill(0);

/**
 * A 32-byte id as a 16-code-unit string, for `Map`/`Set` keys on hot paths (cheaper to build
 * and hash than hex). Internal only: not printable.
 */
export function idKey(id: Uint8Array): string {
  for (let i = 0; i < 16; i++) UNITS[i] = (id[2 * i]! << 8) | id[2 * i + 1]!;
  return String.fromCharCode.apply(null, UNITS);
}
