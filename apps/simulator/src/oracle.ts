import { compareBytes, compareDistance } from "@plexus/core";
import type { NodeId } from "@plexus/core";

/** First 4 bytes of an id as an unsigned 32-bit number. */
function head(id: NodeId): number {
  return ((id[0]! << 24) | (id[1]! << 16) | (id[2]! << 8) | id[3]!) >>> 0;
}

/** Ids whose first p bits equal those of `t`: heads in [t & mask, t | ~mask] (unsigned). */
function maskOf(p: number): number {
  return p === 0 ? 0 : (0xffff_ffff << (32 - p)) >>> 0;
}

/**
 * The brute-force truth a lookup is judged against: the live ids closest to a target by
 * XOR. The ids are kept sorted as numbers, so the ids sharing the target's first p bits
 * are one contiguous run; the deepest run (p <= 32) holding at least `count` ids holds the
 * `count` closest (each id in it is closer than any id outside), and only that run is
 * sorted by distance. O(log N + run) per query, O(N) per change (an array shift), exact
 * for any ids. Bound: one entry per live node.
 */
export class ClosestOracle {
  /** Sorted as big-endian numbers. */
  readonly #ids: NodeId[] = [];
  /** `head` of each id, parallel to `#ids` (so sorted too). */
  readonly #heads: number[] = [];

  get size(): number {
    return this.#ids.length;
  }

  /** Position of the first id not below `id`. */
  #position(id: NodeId): number {
    const h = head(id);
    let lo = 0, hi = this.#ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.#heads[mid]!;
      if (m < h || (m === h && compareBytes(this.#ids[mid]!, id) < 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of `id`, or -1 when it is not live. */
  #indexOf(id: NodeId): number {
    const i = this.#position(id);
    return i < this.#ids.length && compareBytes(this.#ids[i]!, id) === 0 ? i : -1;
  }

  /** First position whose head is at least `h`. */
  #firstHead(h: number): number {
    let lo = 0, hi = this.#heads.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#heads[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(id: NodeId): void {
    const i = this.#position(id);
    if (i < this.#ids.length && compareBytes(this.#ids[i]!, id) === 0) return;
    this.#ids.splice(i, 0, id);
    this.#heads.splice(i, 0, head(id));
  }

  remove(id: NodeId): void {
    const i = this.#indexOf(id);
    if (i === -1) return;
    this.#ids.splice(i, 1);
    this.#heads.splice(i, 1);
  }

  has(id: NodeId): boolean {
    return this.#indexOf(id) !== -1;
  }

  /** The `count` live ids closest to `target`, closest first. */
  closest(target: NodeId, count: number): NodeId[] {
    if (count <= 0) return [];
    const t = head(target);
    // Runs shrink as p grows: binary search for the deepest p whose run still holds count.
    let lo = 0, hi = this.#ids.length, pLo = 0, pHi = 32;
    while (pLo < pHi) {
      const p = (pLo + pHi + 1) >> 1;
      const mask = maskOf(p);
      const from = this.#firstHead((t & mask) >>> 0);
      const to = this.#firstHead(((t | ~mask) >>> 0) + 1);
      if (to - from >= count) {
        pLo = p;
        lo = from;
        hi = to;
      } else {
        pHi = p - 1;
      }
    }
    const run = this.#ids.slice(lo, hi);
    run.sort((a, b) => compareDistance(a, b, target));
    if (run.length > count) run.length = count;
    return run;
  }
}
