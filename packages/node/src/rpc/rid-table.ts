/** Initial capacity in slots (a power of two). */
const INITIAL_SLOTS = 8;

/**
 * A map from request id (uint32) to a value, for the RPC layer's requests in flight: open
 * addressing with linear probing and backward-shift deletion (no tombstones), in a key
 * array and a value array that only ever grow (doubling past half full). A `Map` under the
 * same churn (an insert and a delete per request) rebuilds its hash table every few
 * requests, and a discarded table still points at the values it held, keeping finished
 * requests alive until the next full GC. Here a deleted slot is cleared at once.
 * Bound: what the caller inserts (the RPC layer caps it at `maxInFlightRequests`); the
 * arrays stay at twice the most entries ever held at once, rounded up to a power of two.
 */
export class RidTable<V> {
  #keys = new Uint32Array(INITIAL_SLOTS);
  #values: (V | undefined)[] = new Array<V | undefined>(INITIAL_SLOTS).fill(undefined);
  #mask = INITIAL_SLOTS - 1;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Slot of `rid`, or of the empty slot where it would go. */
  #find(rid: number): number {
    const keys = this.#keys;
    const values = this.#values;
    const mask = this.#mask;
    // Request ids are random: their low bits are a good enough hash.
    let i = rid & mask;
    while (values[i] !== undefined && keys[i] !== rid) i = (i + 1) & mask;
    return i;
  }

  get(rid: number): V | undefined {
    return this.#values[this.#find(rid)];
  }

  has(rid: number): boolean {
    return this.#values[this.#find(rid)] !== undefined;
  }

  /** Sets `rid` to `value` (`value` must not be `undefined`). */
  set(rid: number, value: V): void {
    let i = this.#find(rid);
    if (this.#values[i] === undefined) {
      if (2 * (this.#size + 1) > this.#values.length) {
        this.#grow();
        i = this.#find(rid);
      }
      this.#size++;
    }
    this.#keys[i] = rid;
    this.#values[i] = value;
  }

  /** Removes `rid`; false when it was not there. */
  delete(rid: number): boolean {
    const keys = this.#keys;
    const values = this.#values;
    const mask = this.#mask;
    let i = this.#find(rid);
    if (values[i] === undefined) return false;
    // Backward shift: pull later entries of the probe run into the hole when their home
    // slot does not lie cyclically within (hole, their slot].
    for (let j = (i + 1) & mask; values[j] !== undefined; j = (j + 1) & mask) {
      const home = keys[j]! & mask;
      if (((j - home) & mask) >= ((j - i) & mask)) {
        keys[i] = keys[j]!;
        values[i] = values[j];
        i = j;
      }
    }
    values[i] = undefined;
    this.#size--;
    return true;
  }

  /** A snapshot of the values, in slot order. */
  values(): V[] {
    const out: V[] = [];
    for (const v of this.#values) if (v !== undefined) out.push(v);
    return out;
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    const slots = values.length * 2;
    this.#keys = new Uint32Array(slots);
    this.#values = new Array<V | undefined>(slots).fill(undefined);
    this.#mask = slots - 1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === undefined) continue;
      const at = this.#find(keys[i]!);
      this.#keys[at] = keys[i]!;
      this.#values[at] = v;
    }
  }
}
