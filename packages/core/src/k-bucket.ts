import { assertInteger } from "./assert.js";
import { bytesEqual } from "./bytes.js";
import { K, REPLACEMENT_CACHE_SIZE } from "./constants.js";
import type { Contact } from "./contact.js";
import type { NodeId } from "./id.js";
import { idPrefix } from "./id-prefix.js";

/** What {@link KBucket.add} did with a contact. */
export type KBucketAddStatus =
  /** The contact was new and the bucket had room: appended as most recently seen. */
  | "added"
  /** The contact was already in the bucket: moved to most recently seen, address refreshed. */
  | "updated"
  /** The bucket holds `k` contacts: the contact went to the replacement cache instead. */
  | "full";

const NONE: readonly Contact[] = Object.freeze([]);

function indexOfId(list: readonly Contact[], id: NodeId): number {
  for (let i = 0; i < list.length; i++) if (bytesEqual(list[i]!.id, id)) return i;
  return -1;
}

/**
 * {@link indexOfId} over `list` with its parallel id prefixes: scans the small-int array and
 * reads a contact's id only when its prefix matches (the contacts themselves are spread
 * over the heap; in a large simulation each one read is a cache miss).
 */
function indexOfIdByPrefix(list: readonly Contact[], prefixes: readonly number[], id: NodeId): number {
  const p = idPrefix(id);
  for (let i = 0; i < prefixes.length; i++) if (prefixes[i] === p && bytesEqual(list[i]!.id, id)) return i;
  return -1;
}

/**
 * One k-bucket (Maymounkov & Mazières 2002, section 2.2): up to `k` contacts in
 * least-recently-seen order (head = oldest, tail = most recently seen), plus a replacement
 * cache (section 4.1) of contacts seen while the bucket was full, most recent last.
 *
 * Why least-recently-seen: long-lived nodes are likely to stay up, so a full bucket keeps
 * its old contacts and only evicts one that fails a ping. The bucket does no I/O; the
 * caller pings {@link oldest} and calls {@link remove} when it fails, which promotes the
 * most recent replacement.
 *
 * Memory: at most `k` contacts plus at most `replacementCacheSize` replacements; the
 * replacement array is only allocated once the bucket first overflows. A new contact
 * replaces the two arrays by exact-size copies (`concat`): `push` would grow them to 17
 * slots at the first contact, ~190 B of slack per bucket with the ~6 contacts of most buckets. Lookups are linear
 * scans, which beat hashing for `k` around 20; they scan a compact array of id prefixes
 * (see {@link idPrefixes}) before reading any id.
 */
export class KBucket {
  readonly #k: number;
  readonly #cacheSize: number;
  /** Bounded by `k`; index 0 is the least recently seen. */
  #contacts: Contact[] = [];
  /** `idPrefix` of each contact's id, parallel to `#contacts` (so bounded by `k` too). */
  #prefixes: number[] = [];
  /** Bounded by `replacementCacheSize`; last is the most recently seen. Lazily allocated. */
  #replacements: Contact[] | undefined;

  /**
   * @param k - the most contacts the bucket holds. @default K (20)
   * @param replacementCacheSize - the most replacements kept. @default REPLACEMENT_CACHE_SIZE (8)
   * @throws PlexusError `ERR_INVALID_ARGUMENT` when `k < 1` or `replacementCacheSize < 0`
   *   or either is not an integer.
   */
  constructor(k: number = K, replacementCacheSize: number = REPLACEMENT_CACHE_SIZE) {
    assertInteger(k, 1, "k");
    assertInteger(replacementCacheSize, 0, "replacementCacheSize");
    this.#k = k;
    this.#cacheSize = replacementCacheSize;
  }

  /** The most contacts this bucket holds. */
  get k(): number {
    return this.#k;
  }

  /** The most replacements this bucket keeps. */
  get replacementCacheSize(): number {
    return this.#cacheSize;
  }

  /** Number of contacts (replacements not counted). */
  get size(): number {
    return this.#contacts.length;
  }

  /** True when the bucket holds `k` contacts. */
  get isFull(): boolean {
    return this.#contacts.length >= this.#k;
  }

  /**
   * The contacts, oldest first. A read-only view without copying (for hot paths), valid
   * until the bucket next changes: copy it before changing the bucket while you iterate.
   */
  get contacts(): readonly Contact[] {
    return this.#contacts;
  }

  /**
   * The first four bytes of each contact's id as a signed 32-bit big-endian integer,
   * parallel to {@link contacts}, valid as long as it: a read-only view for hot paths (the
   * routing table orders a bucket by these before it reads any id).
   */
  get idPrefixes(): readonly number[] {
    return this.#prefixes;
  }

  /** The replacement cache, least recent first. A live, read-only view (see {@link contacts}). */
  get replacements(): readonly Contact[] {
    return this.#replacements ?? NONE;
  }

  /** Position of `id` among the contacts (0 = oldest), or -1. */
  indexOf(id: NodeId): number {
    return indexOfIdByPrefix(this.#contacts, this.#prefixes, id);
  }

  /** The contact with `id`, if it is in the bucket (replacements not searched). */
  get(id: NodeId): Contact | undefined {
    const i = indexOfIdByPrefix(this.#contacts, this.#prefixes, id);
    return i === -1 ? undefined : this.#contacts[i];
  }

  /** True when a contact with `id` is in the bucket (replacements not searched). */
  has(id: NodeId): boolean {
    return indexOfIdByPrefix(this.#contacts, this.#prefixes, id) !== -1;
  }

  /** The least recently seen contact: the one to ping when the bucket is full. */
  oldest(): Contact | undefined {
    return this.#contacts[0];
  }

  /**
   * Records that `contact` was seen alive. A known contact moves to the tail with its
   * new address; a new one is appended when there is room, else it becomes the most
   * recent replacement (the oldest replacement is dropped past the cache size).
   */
  add(contact: Contact): KBucketAddStatus {
    const list = this.#contacts;
    const prefixes = this.#prefixes;
    const i = indexOfIdByPrefix(list, prefixes, contact.id);
    if (i !== -1) {
      // Move to the tail (most recently seen) in place; README "Performance notes" says why not splice.
      const last = list.length - 1;
      const prefix = prefixes[i]!;
      for (let j = i; j < last; j++) {
        list[j] = list[j + 1]!;
        prefixes[j] = prefixes[j + 1]!;
      }
      list[last] = contact;
      prefixes[last] = prefix;
      return "updated";
    }
    // Replacements exist only while the bucket is full, so a new contact that fits is in none.
    if (list.length < this.#k) {
      this.#contacts = list.concat([contact]);
      this.#prefixes = prefixes.concat([idPrefix(contact.id)]);
      return "added";
    }
    this.#addReplacement(contact);
    return "full";
  }

  /**
   * Drops the contact with `id` (it failed to answer) and promotes the most recent
   * replacement into its place as most recently seen (paper section 4.1).
   * @returns the removed contact, or `undefined` when `id` was not in the bucket.
   */
  remove(id: NodeId): Contact | undefined {
    const list = this.#contacts;
    const prefixes = this.#prefixes;
    const i = indexOfIdByPrefix(list, prefixes, id);
    if (i === -1) return undefined;
    const removed = list[i];
    list.splice(i, 1);
    prefixes.splice(i, 1);
    const promoted = this.#replacements?.pop();
    if (promoted) {
      list.push(promoted);
      prefixes.push(idPrefix(promoted.id));
    }
    return removed;
  }

  /** Drops `id` from the replacement cache; returns the dropped entry, if any. */
  removeReplacement(id: NodeId): Contact | undefined {
    const cache = this.#replacements;
    if (!cache) return undefined;
    const i = indexOfId(cache, id);
    return i === -1 ? undefined : cache.splice(i, 1)[0];
  }

  #addReplacement(contact: Contact): void {
    if (this.#cacheSize === 0) return;
    const cache = (this.#replacements ??= []);
    const i = indexOfId(cache, contact.id);
    if (i !== -1) cache.splice(i, 1);
    else if (cache.length >= this.#cacheSize) cache.shift();
    cache.push(contact);
  }
}
