/**
 * Bytes as a string of one code unit per byte, for `Map` / `Set` keys (an id, a broadcast or
 * message id). Cheaper to build and hash than hex; not meant to be printed.
 */
export function bytesKey(bytes: Uint8Array): string {
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}
