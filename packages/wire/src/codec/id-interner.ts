import { ID_BYTES } from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import { ipv4TextAt, ipv6TextAt } from "../fields/ip-text.js";

/** Slots of each table (a power of two). */
const SLOTS = 65_536;
/** 32 - log2(SLOTS): the top bits of the hash pick the slot. */
const SHIFT = 16;

/**
 * Hands out one shared, read-only id object per 32-byte id, and one shared, frozen contact
 * per (id, address), for the codecs it is given to. Every node of a simulation hears the
 * same ids over and over and keeps them in its routing table; a fresh 32-byte `Uint8Array`
 * costs ~150 bytes of heap, so 10,000 nodes' tables held ~20 KiB per node more without
 * sharing (pnpm sim at 10,000 nodes: 23.7 -> 43.6 KiB heap per node). A NODES reply lists up
 * to 20 contacts, mostly ones heard before: a fresh contact and its host text per entry were
 * the largest allocation of a simulated build (see the README's performance notes). It is a
 * component: the testnet and the simulator create one and pass it to every node's codec; a
 * single node has no use for one.
 * Direct-mapped: a slot is picked by the id's first four bytes, a hit needs all 32 to match
 * (a contact: the same id bytes, port and address bytes), a miss copies and takes the slot.
 * Colliding or made-up ids only cost the copy they would have cost anyway.
 * Bound: 65,536 ids and 65,536 contacts (~16 MiB when every slot is taken).
 */
export class IdInterner {
  /** Bound: SLOTS entries. */
  readonly #ids = new Array<NodeId | undefined>(SLOTS).fill(undefined);
  /** Bound: SLOTS entries. */
  readonly #contacts = new Array<Contact | undefined>(SLOTS).fill(undefined);
  /**
   * Per contact slot, side by side so that a hit reads one 8-byte record: its port
   * (+ 0x10000 for an IPv6 address) and the first word of its address; `#v6Tail` holds words
   * 1..3 of an IPv6 address.
   */
  readonly #contactKeys = new Uint32Array(SLOTS * 2);
  readonly #v6Tail = new Uint32Array(SLOTS * 3);

  /** The shared id equal to the 32 bytes at `bytes[at]` (the caller checked the bounds). */
  idAt(bytes: Uint8Array, at: number): NodeId {
    const slot = slotOf(bytes, at);
    const known = this.#ids[slot];
    if (known !== undefined && sameAt(known, bytes, at)) return known;
    const id = bytes.slice(at, at + ID_BYTES);
    this.#ids[slot] = id;
    return id;
  }

  /**
   * The shared contact of the 32-byte id at `bytes[idAt]` at the IPv4 or IPv6 address of
   * `length` bytes at `bytes[at]` and `port` (the caller checked the bounds). A hit compares
   * the slot's contact (its id's bytes, port and address) and looks no id up; a miss takes
   * the shared id ({@link idAt}) and makes the contact.
   */
  contactAt(bytes: Uint8Array, idAt: number, at: number, length: 4 | 16, port: number): Contact {
    const slot = slotOf(bytes, idAt);
    const keys = this.#contactKeys;
    const r = slot * 2;
    const w0 = word(bytes, at);
    // An IPv6 address's slot stores its port + 0x10000: it never matches an IPv4 one.
    const portKey = length === 4 ? port : port + 0x1_0000;
    if (keys[r] === portKey && keys[r + 1] === w0) {
      const known = this.#contacts[slot];
      if (known !== undefined && sameAt(known.id, bytes, idAt) && (length === 4 || this.#sameTail(bytes, at, slot * 3))) return known;
    }
    const contact = Object.freeze({ id: this.idAt(bytes, idAt), host: length === 4 ? ipv4TextAt(bytes, at) : ipv6TextAt(bytes, at), port });
    this.#contacts[slot] = contact;
    keys[r] = portKey;
    keys[r + 1] = w0;
    if (length === 16) {
      const t = slot * 3;
      this.#v6Tail[t] = word(bytes, at + 4);
      this.#v6Tail[t + 1] = word(bytes, at + 8);
      this.#v6Tail[t + 2] = word(bytes, at + 12);
    }
    return contact;
  }

  #sameTail(bytes: Uint8Array, at: number, t: number): boolean {
    const tail = this.#v6Tail;
    return tail[t] === word(bytes, at + 4) && tail[t + 1] === word(bytes, at + 8) && tail[t + 2] === word(bytes, at + 12);
  }
}

/** The 4 bytes at `b[at]` as a big-endian uint32. */
function word(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** Slot of the id at `b[at]`: a multiplicative hash of its first 4 bytes (ids are hashes; this also spreads made-up ones). */
function slotOf(b: Uint8Array, at: number): number {
  return Math.imul(word(b, at), 0x9e37_79b1) >>> SHIFT;
}

function sameAt(id: NodeId, bytes: Uint8Array, at: number): boolean {
  for (let i = ID_BYTES - 1; i >= 0; i--) if (id[i] !== bytes[at + i]) return false;
  return true;
}
