import { compareDistance, idToHex } from "@plexus/core";
import type { NodeId } from "@plexus/core";

/** First 4 bytes of an id as an unsigned 32-bit number. */
function head(id: NodeId): number {
  return ((id[0]! << 24) | (id[1]! << 16) | (id[2]! << 8) | id[3]!) >>> 0;
}

/**
 * The brute-force truth a lookup is judged against: the live ids closest to a target by
 * XOR. A linear scan per query with a 32-bit prefix filter (O(N) per query, no sort).
 * Bound: one entry per live node.
 */
export class ClosestOracle {
  readonly #ids: NodeId[] = [];
  readonly #heads: number[] = [];
  /** Position of each id by hex key; bound: live nodes. */
  readonly #index = new Map<string, number>();

  get size(): number {
    return this.#ids.length;
  }

  add(id: NodeId): void {
    this.#index.set(idToHex(id), this.#ids.length);
    this.#ids.push(id);
    this.#heads.push(head(id));
  }

  remove(id: NodeId): void {
    const key = idToHex(id);
    const i = this.#index.get(key);
    if (i === undefined) return;
    this.#index.delete(key);
    const lastId = this.#ids.pop()!;
    const lastHead = this.#heads.pop()!;
    if (i < this.#ids.length) {
      this.#ids[i] = lastId;
      this.#heads[i] = lastHead;
      this.#index.set(idToHex(lastId), i);
    }
  }

  has(id: NodeId): boolean {
    return this.#index.has(idToHex(id));
  }

  /** The `count` live ids closest to `target`, closest first. */
  closest(target: NodeId, count: number): NodeId[] {
    const t = head(target);
    const best: { id: NodeId; d: number }[] = []; // bound: count
    let worst = Infinity;
    for (let i = 0; i < this.#ids.length; i++) {
      const d = (this.#heads[i]! ^ t) >>> 0;
      if (best.length >= count && d > worst) continue;
      const id = this.#ids[i]!;
      let lo = 0, hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const b = best[mid]!;
        if (b.d < d || (b.d === d && compareDistance(b.id, id, target) < 0)) lo = mid + 1;
        else hi = mid;
      }
      if (lo >= count) continue;
      best.splice(lo, 0, { id, d });
      if (best.length > count) best.pop();
      if (best.length >= count) worst = best[best.length - 1]!.d;
    }
    return best.map((b) => b.id);
  }
}
