import { assertInteger } from "./assert.js";
import { ID_BITS, K, REPLACEMENT_CACHE_SIZE } from "./constants.js";
import type { Contact } from "./contact.js";
import { PlexusError } from "./errors.js";
import { assertNodeId, commonPrefixLength, compareDistance, type NodeId } from "./id.js";
import { idPrefix } from "./id-prefix.js";
import { KBucket } from "./k-bucket.js";

/** What {@link RoutingTable.add} did with a contact. */
export type AddResult =
  /** A new contact was put in its bucket. */
  | { status: "added" }
  /** Already known: moved to most recently seen, address refreshed. */
  | { status: "updated" }
  /**
   * The bucket is full: the contact went to the bucket's replacement cache. The caller
   * should ping `oldest` and call `remove(oldest.id)` if it fails, which promotes the
   * replacement (paper sections 2.2 and 4.1); if `oldest` answers, `add(oldest)` again.
   */
  | { status: "full"; oldest: Contact }
  /** The table owner's own id: ignored. */
  | { status: "self" };

/** Options of {@link RoutingTable}. */
export interface RoutingTableOptions {
  /** Bucket size. @default K (20) */
  k?: number;
  /** Replacement cache size of each bucket. @default REPLACEMENT_CACHE_SIZE (8) */
  replacementCacheSize?: number;
}

const ADDED: AddResult = Object.freeze({ status: "added" });
const UPDATED: AddResult = Object.freeze({ status: "updated" });
const SELF: AddResult = Object.freeze({ status: "self" });

/**
 * A Kademlia routing table (paper section 2.2): 256 k-buckets, bucket `i` holding the
 * contacts whose ids share exactly `i` leading bits with `self`.
 *
 * Buckets are allocated lazily: the bucket array only grows to the deepest index used
 * (about log2(network size) + a few), so a simulation can hold 100,000 tables. No I/O: the
 * caller pings and evicts (see {@link AddResult}).
 */
export class RoutingTable {
  /** The owner's node id (a private copy). */
  readonly self: NodeId;
  /** Bucket size. */
  readonly k: number;
  readonly #cacheSize: number;
  /** Indexed by bucket; length <= 256 (ID_BITS), holes are `undefined`. */
  readonly #buckets: (KBucket | undefined)[] = [];
  #size = 0;

  /**
   * @throws PlexusError `ERR_INVALID_ID` when `self` is not a 32-byte id.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` when `k < 1` or `replacementCacheSize < 0`.
   */
  constructor(self: NodeId, options: RoutingTableOptions = {}) {
    assertNodeId(self, "self");
    const { k = K, replacementCacheSize = REPLACEMENT_CACHE_SIZE } = options;
    assertInteger(k, 1, "k");
    assertInteger(replacementCacheSize, 0, "replacementCacheSize");
    this.self = self.slice();
    this.k = k;
    this.#cacheSize = replacementCacheSize;
  }

  /** Number of contacts in buckets (replacement caches not counted). */
  get size(): number {
    return this.#size;
  }

  /**
   * Records that `contact` was seen alive (it sent us a message or answered one).
   * @throws PlexusError `ERR_INVALID_ID` when `contact.id` is not a 32-byte id.
   */
  add(contact: Contact): AddResult {
    const index = this.bucketIndexOf(contact.id);
    if (index < 0) return SELF;
    let bucket = this.#buckets[index];
    if (!bucket) {
      while (this.#buckets.length < index) this.#buckets.push(undefined);
      bucket = this.#buckets[index] = new KBucket(this.k, this.#cacheSize);
    }
    const status = bucket.add(contact);
    if (status === "added") {
      this.#size++;
      return ADDED;
    }
    return status === "updated" ? UPDATED : { status: "full", oldest: bucket.oldest()! };
  }

  /**
   * Drops a failed contact and promotes the most recent replacement of its bucket, if any
   * (paper section 4.1). A replacement-cache entry with this id is discarded too.
   * @returns the contact removed from its bucket, or `undefined` if it was not in one.
   */
  remove(id: NodeId): Contact | undefined {
    const index = this.bucketIndexOf(id);
    const bucket = index < 0 ? undefined : this.#buckets[index];
    if (!bucket) return undefined;
    const before = bucket.size;
    const removed = bucket.remove(id);
    if (removed) this.#size += bucket.size - before; // 0 when a replacement was promoted
    else bucket.removeReplacement(id);
    return removed;
  }

  /**
   * Moves the table to a new owner id (a server whose id became bound to its public address,
   * docs/protocol.md 10.9): every contact is placed again by its distance to `self`, bucket by
   * bucket in the order each held them (least recently seen first); replacement caches are
   * dropped.
   * @returns the contacts that found no room (their new bucket was full) or have id `self`.
   * @throws PlexusError `ERR_INVALID_ID` when `self` is not a 32-byte id.
   */
  rebase(self: NodeId): Contact[] {
    assertNodeId(self, "self");
    const old = [...this.contacts()];
    this.#buckets.length = 0;
    this.#size = 0;
    this.self.set(self);
    const dropped: Contact[] = [];
    for (const contact of old) if (this.add(contact).status !== "added") dropped.push(contact);
    return dropped;
  }

  /** The contact with `id`, if it is in a bucket. */
  get(id: NodeId): Contact | undefined {
    const index = this.bucketIndexOf(id);
    return index < 0 ? undefined : this.#buckets[index]?.get(id);
  }

  /** True when a contact with `id` is in a bucket. */
  has(id: NodeId): boolean {
    return this.get(id) !== undefined;
  }

  /**
   * The `count` contacts closest to `target` by XOR distance, nearest first, skipping
   * those for which `exclude` returns true (`exclude` must not change the table).
   *
   * Buckets cover disjoint distance ranges from any target, so this visits them in
   * distance order and sorts only within each bucket, stopping at the first bucket that
   * fills the result.
   * @param count - how many to return; `Infinity` for all. @default this.k
   * @throws PlexusError `ERR_INVALID_ID` / `ERR_INVALID_ARGUMENT` on a bad target or count.
   */
  closest(target: NodeId, count: number = this.k, exclude?: (c: Contact) => boolean): Contact[] {
    assertNodeId(target, "target");
    if (count !== Infinity) assertInteger(count, 0, "count");
    const out: Contact[] = [];
    if (count === 0) return out;
    const self = this.self;
    const n = this.#buckets.length;
    const sorter = new BucketSorter(target);
    // j = bucket of the target. Its members agree with the target on bits 0..j: closest.
    const j = commonPrefixLength(self, target);
    if (j < n) this.#collect(j, sorter, count, exclude, out);
    // Buckets i > j sit at distances with leading bit j, ordered by bit i of self ^ target:
    // where it is 1 the bucket is below self's own distance (ascending i), where it is 0
    // above it (descending i).
    for (let i = j + 1; i < n && out.length < count; i++) {
      if (bitOfXor(self, target, i) === 1) this.#collect(i, sorter, count, exclude, out);
    }
    for (let i = n - 1; i > j && out.length < count; i--) {
      if (bitOfXor(self, target, i) === 0) this.#collect(i, sorter, count, exclude, out);
    }
    // Buckets i < j: leading distance bit i, so farther as i decreases.
    for (let i = Math.min(j, n) - 1; i >= 0 && out.length < count; i--) {
      this.#collect(i, sorter, count, exclude, out);
    }
    return out;
  }

  /**
   * Bucket index of `id` in this table: its common prefix length with `self`, -1 for self.
   * @throws PlexusError `ERR_INVALID_ID`
   */
  bucketIndexOf(id: NodeId): number {
    assertNodeId(id);
    const cpl = commonPrefixLength(this.self, id);
    return cpl === ID_BITS ? -1 : cpl;
  }

  /**
   * A snapshot of the contacts of bucket `index`, oldest first; `[]` if it is empty.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` unless `index` is an integer in 0..255.
   */
  bucketContacts(index: number): readonly Contact[] {
    return this.#bucketAt(index)?.contacts.slice() ?? [];
  }

  /**
   * Number of contacts in bucket `index` (0 if it is empty), without copying it.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` unless `index` is an integer in 0..255.
   */
  bucketSize(index: number): number {
    return this.#bucketAt(index)?.size ?? 0;
  }

  /**
   * Number of contacts waiting in bucket `index`'s replacement cache (paper section 4.1):
   * a failing contact is best dropped only when one of them can take its place.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` unless `index` is an integer in 0..255.
   */
  replacementCount(index: number): number {
    return this.#bucketAt(index)?.replacements.length ?? 0;
  }

  /** Indices of the buckets holding contacts, ascending. */
  nonEmptyBuckets(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.#buckets.length; i++) if (this.#buckets[i]?.size) out.push(i);
    return out;
  }

  /** Every contact, bucket by bucket. Safe to `add` or `remove` while iterating. */
  *contacts(): IterableIterator<Contact> {
    for (let i = 0; i < this.#buckets.length; i++) {
      const bucket = this.#buckets[i];
      if (bucket?.size) yield* bucket.contacts.slice();
    }
  }

  /**
   * The least recently seen contact of bucket `index` (the one to ping for keep-alive).
   * @throws PlexusError `ERR_INVALID_ARGUMENT` unless `index` is an integer in 0..255.
   */
  oldest(index: number): Contact | undefined {
    return this.#bucketAt(index)?.oldest();
  }

  #bucketAt(index: number): KBucket | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= ID_BITS) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", `bucket index must be an integer in 0..${ID_BITS - 1}, got ${index}`);
    }
    return this.#buckets[index];
  }

  /**
   * Appends to `out` the contacts of bucket `index` not excluded, nearest to the target
   * first, keeping at most `count` in `out`. `exclude` sees each contact of the bucket once.
   */
  #collect(
    index: number,
    sorter: BucketSorter,
    count: number,
    exclude: ((c: Contact) => boolean) | undefined,
    out: Contact[],
  ): void {
    const bucket = this.#buckets[index];
    if (!bucket) return;
    const order = sorter.sort(bucket, exclude);
    const contacts = bucket.contacts;
    const take = Math.min(order.length, count - out.length);
    for (let t = 0; t < take; t++) out.push(contacts[order[t]!]!);
  }
}

/**
 * Orders the contacts of one bucket at a time by XOR distance to `target`, as positions in
 * the bucket (one scratch array per `closest` call, reused for each bucket it visits).
 *
 * It compares the top 32 bits of each distance first, from the bucket's compact id
 * prefixes ({@link KBucket.idPrefixes}), and reads two ids only when those bits tie: in a
 * large simulation the contacts are spread over the heap and each id read is a cache miss
 * (see "Performance notes" in the README for what this saves).
 */
class BucketSorter {
  readonly #target: NodeId;
  readonly #targetPrefix: number;
  /** Positions in the bucket being sorted; at most `k` entries. */
  readonly #order: number[] = [];

  constructor(target: NodeId) {
    this.#target = target;
    this.#targetPrefix = idPrefix(target);
  }

  /** Positions of the contacts of `bucket` not excluded, nearest first (an insertion sort: at most `k`). */
  sort(bucket: KBucket, exclude: ((c: Contact) => boolean) | undefined): readonly number[] {
    const contacts = bucket.contacts;
    const prefixes = bucket.idPrefixes;
    const order = this.#order;
    order.length = 0;
    for (let i = 0; i < contacts.length; i++) {
      if (exclude !== undefined && exclude(contacts[i]!)) continue;
      const top = (prefixes[i]! ^ this.#targetPrefix) >>> 0;
      let p = order.length;
      order.push(i);
      while (p > 0) {
        const other = order[p - 1]!;
        const otherTop = (prefixes[other]! ^ this.#targetPrefix) >>> 0;
        const closer = top !== otherTop ? top < otherTop : compareDistance(contacts[i]!.id, contacts[other]!.id, this.#target) < 0;
        if (!closer) break;
        order[p] = other;
        p--;
      }
      order[p] = i;
    }
    return order;
  }
}

/** Bit `i` (0 = most significant) of `a ^ b`. */
function bitOfXor(a: NodeId, b: NodeId, i: number): number {
  return (((a[i >> 3]! ^ b[i >> 3]!) >> (7 - (i & 7))) & 1);
}
