/** Bytewise equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The id XOR-closest to `target` (ids and target of one length), or `undefined` for none. */
export function closestId(ids: readonly Uint8Array[], target: Uint8Array): Uint8Array | undefined {
  let best: Uint8Array | undefined;
  for (const id of ids) {
    if (best === undefined || compareDistance(id, best, target) < 0) best = id;
  }
  return best;
}

/** Negative when `a` is XOR-closer to `target` than `b`, positive when farther, 0 when equal. */
export function compareDistance(a: Uint8Array, b: Uint8Array, target: Uint8Array): number {
  for (let i = 0; i < target.length; i++) {
    const t = target[i] as number;
    const da = ((a[i] as number) ^ t) >>> 0;
    const db = ((b[i] as number) ^ t) >>> 0;
    if (da !== db) return da - db;
  }
  return 0;
}
