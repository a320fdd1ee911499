import { IndexedHeap, type Indexed } from "@plexus/core";

/** Capacity and share of a {@link PrefixLedger}. */
export interface PrefixLedgerInit {
  /** Most units (bytes, for records) the table holds; `Infinity`: counted, not capped. */
  readonly maxUnits: number;
  /** Most items the table holds. */
  readonly maxItems: number;
  /**
   * Fraction of `maxUnits` and of `maxItems` that one prefix may hold (0 < share);
   * `Infinity` (or any share >= 1) turns the per-prefix limit off.
   */
  readonly share: number;
}

/** What {@link PrefixLedger.admit} decided. */
export type Admission<T> =
  /** Admitted; `evicted` are the items dropped to make room (the caller removes them). */
  | { readonly ok: true; readonly evicted: readonly T[] }
  /** Refused: `share` when the prefix would exceed its share, `full` when the item alone exceeds the capacity. */
  | { readonly ok: false; readonly reason: "share" | "full" };

interface Item<T> extends Indexed {
  readonly id: string;
  readonly value: T;
  readonly units: number;
  readonly expiresAt: number;
  readonly usage: Usage<T>;
}

interface Usage<T> extends Indexed {
  readonly key: string;
  units: number;
  /** This prefix's items, oldest admitted first (a re-admitted id moves to the end). */
  readonly items: Map<string, Item<T>>;
}

/** The held items and their indexes. */
interface Held<T> {
  /** Items by id. Bound: `maxItems` (admit evicts before adding). */
  readonly items: Map<string, Item<T>>;
  /** Usage by prefix. Bound: one per prefix with an item, so at most `maxItems`. */
  readonly prefixes: Map<string, Usage<T>>;
  /** The same usages, the one holding the largest fraction of a cap on top. Bound: `prefixes.size`. */
  readonly heaviest: IndexedHeap<Usage<T>>;
  /** The items by expiry, soonest on top. Bound: `items.size`. */
  readonly expiry: IndexedHeap<Item<T>>;
}

/** The key under which items of an exempt source (no prefix) are counted. */
const EXEMPT = "";

/**
 * Who holds how much of a bounded table, by source address prefix (IPv4 /24, IPv6 /64), so
 * that one prefix cannot win the table: a prefix may hold at most `share` of the units and
 * of the items (over it, `admit` refuses); when the table is full, a newcomer within its
 * share evicts the oldest item of the prefix that holds the most (units or items, whichever
 * is the larger fraction of its cap). Items of an exempt source (prefix `undefined`:
 * loopback) have no share limit but count toward the capacity and can be evicted.
 * Items expire at `expiresAt` (purged on each `admit`). The ledger does not own the items:
 * it tells the caller what to evict. Bound: `maxItems` items and at most as many prefixes.
 */
export class PrefixLedger<T> {
  readonly #init: PrefixLedgerInit;
  readonly #shareUnits: number;
  readonly #shareItems: number;
  /** What is held; made on the first admit (most nodes' ledgers stay empty). */
  #held: Held<T> | undefined;
  #units = 0;

  constructor(init: PrefixLedgerInit) {
    this.#init = init;
    const share = init.share >= 1 ? Infinity : init.share;
    this.#shareUnits = share * init.maxUnits;
    this.#shareItems = share === Infinity ? Infinity : Math.max(1, Math.floor(share * init.maxItems));
  }

  /** Units held (after the last purge). */
  get units(): number {
    return this.#units;
  }

  /** Items held (after the last purge). */
  get items(): number {
    return this.#held?.items.size ?? 0;
  }

  /** What `prefix` (`undefined`: the exempt sources) holds now. */
  usage(prefix: string | undefined): { readonly units: number; readonly items: number } {
    const usage = this.#held?.prefixes.get(prefix ?? EXEMPT);
    return { units: usage?.units ?? 0, items: usage?.items.size ?? 0 };
  }

  /**
   * Admits item `id` (`units` big, alive until `expiresAt`) from `prefix`, replacing any item
   * with the same id, or refuses it. An admitted item may first evict others: the oldest
   * items of the prefix holding the most, until the table has room.
   */
  admit(prefix: string | undefined, id: string, value: T, units: number, expiresAt: number, now: number): Admission<T> {
    this.purge(now);
    const { maxUnits, maxItems } = this.#init;
    if (units > maxUnits) return { ok: false, reason: "full" };
    const key = prefix ?? EXEMPT;
    const held = (this.#held ??= this.#emptyHeld());
    const prev = held.items.get(id);
    if (prefix !== undefined) {
      const usage = held.prefixes.get(key);
      const same = prev !== undefined && prev.usage.key === key ? prev : undefined;
      const unitsAfter = (usage?.units ?? 0) - (same?.units ?? 0) + units;
      const itemsAfter = (usage?.items.size ?? 0) + (same ? 0 : 1);
      if (unitsAfter > this.#shareUnits || itemsAfter > this.#shareItems) return { ok: false, reason: "share" };
    }
    if (prev) this.#drop(prev);
    const evicted: T[] = [];
    // Bounded: each round drops one of the (at most maxItems) items.
    while (held.items.size > 0 && (this.#units + units > maxUnits || held.items.size >= maxItems)) {
      evicted.push(this.evictOne()!);
    }
    let usage = held.prefixes.get(key);
    if (!usage) {
      usage = { key, units: 0, items: new Map(), heapIndex: -1 };
      held.prefixes.set(key, usage);
      held.heaviest.push(usage);
    }
    const item: Item<T> = { id, value, units, expiresAt, usage, heapIndex: -1 };
    held.items.set(id, item);
    usage.items.set(id, item);
    usage.units += units;
    this.#units += units;
    held.heaviest.update(usage);
    held.expiry.push(item);
    return { ok: true, evicted };
  }

  /** The value admitted under `id`, if the ledger still holds it. */
  get(id: string): T | undefined {
    return this.#held?.items.get(id)?.value;
  }

  /** Drops the oldest item of the prefix holding the most and returns it; `undefined` when empty. */
  evictOne(): T | undefined {
    const victim = this.#held?.heaviest.peek()?.items.values().next().value;
    if (victim === undefined) return undefined;
    this.#drop(victim);
    return victim.value;
  }

  /** Forgets item `id` (the caller removed it, or failed to add it); returns its value. */
  remove(id: string): T | undefined {
    const item = this.#held?.items.get(id);
    if (item) this.#drop(item);
    return item?.value;
  }

  /** Forgets the items with `expiresAt <= now`; amortized O(log n) each. */
  purge(now: number): void {
    const expiry = this.#held?.expiry;
    if (expiry === undefined) return;
    for (let top = expiry.peek(); top !== undefined && top.expiresAt <= now; top = expiry.peek()) this.#drop(top);
  }

  /** Forgets everything. */
  clear(): void {
    this.#held = undefined;
    this.#units = 0;
  }

  /** The larger of the fractions of the caps that `usage` holds. */
  #load(usage: Usage<T>): number {
    return Math.max(usage.units / this.#init.maxUnits, usage.items.size / this.#init.maxItems);
  }

  #emptyHeld(): Held<T> {
    return {
      items: new Map(), prefixes: new Map(),
      heaviest: new IndexedHeap<Usage<T>>((a, b) => this.#load(a) > this.#load(b)),
      expiry: new IndexedHeap<Item<T>>((a, b) => a.expiresAt < b.expiresAt),
    };
  }

  /** Only called with an item the ledger holds (so `#held` exists). */
  #drop(item: Item<T>): void {
    const held = this.#held!;
    const usage = item.usage;
    held.items.delete(item.id);
    held.expiry.remove(item);
    usage.items.delete(item.id);
    usage.units -= item.units;
    this.#units -= item.units;
    if (usage.items.size > 0) {
      held.heaviest.update(usage);
      return;
    }
    held.heaviest.remove(usage);
    held.prefixes.delete(usage.key);
  }
}
