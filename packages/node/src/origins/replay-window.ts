import { setNewest } from "@plexus/core";
import { bytesKey } from "../ids/bytes-key.js";

/** Settings of {@link ReplayWindow}. */
export interface ReplayWindowInit {
  /** Latest sequence numbers remembered per origin: older ones are refused. */
  readonly width: number;
  /** Origins tracked at once (the least recently heard is forgotten first). */
  readonly maxOrigins: number;
}

/**
 * Replay protection for signed origins (docs/protocol.md 10.7), like IPsec's anti-replay
 * window (RFC 4303 3.4.3) over the origin's sequence numbers: per origin it remembers the
 * `width` highest accepted; a number already among them, or below all of them once `width`
 * are known, is a replay. Messages may arrive out of order by up to `width` places.
 * Nothing is forgotten with time, only to make room: bound `maxOrigins` entries of `width`
 * numbers (32 x 8 B + ~120 B each: ~1.5 MB at the defaults of 4096 origins), the least
 * recently heard evicted first. An evicted origin starts afresh, so a replay of its old
 * messages passes once `maxOrigins` other origins were heard since (and the id caches forgot
 * it, 10 minutes); the per-subnet rate limit makes that minutes of flooding per receiver.
 */
export class ReplayWindow {
  readonly #init: ReplayWindowInit;
  /** Origin key -> its `width` highest accepted numbers, ascending; least recently heard first. Bound: maxOrigins. */
  #origins: Map<string, number[]> | undefined; // made on the first accept (most nodes hear no signed origin)

  constructor(init: ReplayWindowInit) {
    this.#init = init;
  }

  /** Records `seq` for `origin`; false when it is a replay (nothing recorded then). */
  accept(origin: Uint8Array, seq: number): boolean {
    const key = bytesKey(origin);
    const origins = (this.#origins ??= new Map());
    const seqs = origins.get(key) ?? [];
    if (seqs.includes(seq) || (seqs.length >= this.#init.width && seq < seqs[0]!)) return false;
    insertSorted(seqs, seq);
    if (seqs.length > this.#init.width) seqs.shift();
    setNewest(origins, key, seqs, this.#init.maxOrigins);
    return true;
  }

  /** Origins tracked. */
  get size(): number {
    return this.#origins?.size ?? 0;
  }

  /** Forgets everything (on stop). */
  clear(): void {
    this.#origins = undefined;
  }
}

/** Inserts `n` into the ascending `list` (short: a linear scan from the end). */
function insertSorted(list: number[], n: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > n) i--;
  list.splice(i, 0, n);
}
