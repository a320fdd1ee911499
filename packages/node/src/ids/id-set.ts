import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";

/**
 * A set of ids keyed by their first 30 bits (a small integer: no string built, no hashing
 * of 32 bytes), exact on collisions (ids sharing those bits are compared in full). For hot
 * paths that see hundreds of ids, like a lookup's "seen" set. Bound: whatever the caller adds.
 */
export class IdSet {
  readonly #byHead = new Map<number, NodeId | NodeId[]>();

  /** True when an equal id is in the set. */
  has(id: NodeId): boolean {
    const at = this.#byHead.get((id[0]! << 22) | (id[1]! << 14) | (id[2]! << 6) | (id[3]! >> 2));
    if (at === undefined) return false;
    if (!Array.isArray(at)) return bytesEqual(at, id);
    for (const other of at) if (bytesEqual(other, id)) return true;
    return false;
  }

  /** Adds `id`; false when an equal id was already in the set. */
  add(id: NodeId): boolean {
    const head = (id[0]! << 22) | (id[1]! << 14) | (id[2]! << 6) | (id[3]! >> 2);
    const at = this.#byHead.get(head);
    if (at === undefined) {
      this.#byHead.set(head, id);
      return true;
    }
    if (!Array.isArray(at)) {
      if (bytesEqual(at, id)) return false;
      this.#byHead.set(head, [at, id]);
      return true;
    }
    for (const other of at) if (bytesEqual(other, id)) return false;
    at.push(id);
    return true;
  }
}
