import { ID_BYTES } from "@plexus/core";
import type { NodeId } from "@plexus/core";

/** Slots of the table (a power of two). */
const SLOTS = 65_536;
/** 32 - log2(SLOTS): the top bits of the hash pick the slot. */
const SHIFT = 16;

/**
 * Hands out one shared, read-only id object per 32-byte id, for the codecs it is given to.
 * Every node of a simulation hears the same ids over and over and keeps them in its routing
 * table; a fresh 32-byte `Uint8Array` costs ~150 bytes of heap, so 10,000 nodes' tables
 * held ~20 KiB per node more without sharing (pnpm sim at 10,000 nodes: 23.7 -> 43.6 KiB
 * heap per node). It is a component: the testnet and the simulator create one and pass it
 * to every node's codec; a single node has no use for one.
 * Direct-mapped: a slot is picked by the id's first four bytes, a hit needs all 32 to match,
 * a miss copies the id and takes the slot. Colliding or made-up ids only cost the copy they
 * would have cost anyway. Bound: 65,536 ids (~10 MiB when every slot is taken).
 */
export class IdInterner {
  /** Bound: SLOTS entries. */
  readonly #ids = new Array<NodeId | undefined>(SLOTS).fill(undefined);

  /** The shared id equal to the 32 bytes at `bytes[at]` (the caller checked the bounds). */
  idAt(bytes: Uint8Array, at: number): NodeId {
    const head = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
    const slot = Math.imul(head, 0x9e37_79b1) >>> SHIFT;
    const known = this.#ids[slot];
    if (known !== undefined && sameAt(known, bytes, at)) return known;
    const id = bytes.slice(at, at + ID_BYTES);
    this.#ids[slot] = id;
    return id;
  }
}

function sameAt(id: NodeId, bytes: Uint8Array, at: number): boolean {
  for (let i = ID_BYTES - 1; i >= 0; i--) if (id[i] !== bytes[at + i]) return false;
  return true;
}
