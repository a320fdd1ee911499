import type { Contact, NodeId } from "@plexus/core";
import * as ipCache from "./ip-cache.js";

// Read once: under tsx every use of an imported binding is a getter call (see fast-decode.ts).
const { word } = ipCache;

/**
 * Shared decoded ids and contacts. A node hears the same peers over and over: every NODES
 * reply lists up to 20 contacts, mostly ones it decoded before, and a fresh 32-byte
 * `Uint8Array` costs three heap objects (~250 bytes). So the decoder hands out one shared
 * id object per id and one shared, frozen contact object per (id, host, port), taken from
 * direct-mapped tables: a slot is picked by the id's leading bytes, a hit needs all 32
 * bytes (and the address) to match, a miss allocates and overwrites the slot. Colliding
 * or hostile ids only cost the allocation they would have cost anyway.
 * Bound: {@link SLOTS} ids and {@link SLOTS} contacts (only filled slots hold memory;
 * ~25 MiB when every slot holds a distinct peer, as in a 100,000-node simulation).
 */
const SLOTS = 65_536;
/** 32 - log2(SLOTS): the top bits of the hash pick the slot. */
const SHIFT = 16;
const ids = new Array<NodeId | undefined>(SLOTS).fill(undefined);
const contacts = new Array<Contact | undefined>(SLOTS).fill(undefined);
/**
 * Per contact slot, side by side so that a hit reads one 8-byte record: its port (+ 0x10000
 * for an IPv6 address) and the first word of its address; `v6Tail` holds words 1..3 of an
 * IPv6 address.
 */
const contactKeys = new Uint32Array(SLOTS * 2);
const v6Tail = new Uint32Array(SLOTS * 3);

/** Slot of the id at `b[at]`: a multiplicative hash of its first 4 bytes (ids are hashes; this also spreads made-up ones). */
function slotOf(b: Uint8Array, at: number): number {
  return Math.imul(word(b, at), 0x9e37_79b1) >>> SHIFT;
}

/** True when `id` equals the 32 bytes at `b[at]`. */
function equalAt(id: NodeId, b: Uint8Array, at: number): boolean {
  for (let i = 31; i >= 0; i--) if (id[i] !== b[at + i]) return false;
  return true;
}

/** The shared id equal to the 32 bytes at `b[at]` (the caller checked bounds). */
export function sharedIdAt(b: Uint8Array, at: number): NodeId {
  const slot = slotOf(b, at);
  const cached = ids[slot];
  if (cached !== undefined && equalAt(cached, b, at)) return cached;
  const id = b.slice(at, at + 32);
  ids[slot] = id;
  return id;
}

/**
 * The shared, frozen contact for the 32-byte id at `b[idAt]`, the IPv4 or IPv6 address of
 * `ipLength` bytes at `b[ipAt]` and `port`; `hostAt` turns those bytes into the host text
 * (the ip cache), called only on a miss: a hit compares the address bytes directly.
 */
export function sharedContactAt(b: Uint8Array, idAt: number, ipAt: number, ipLength: 4 | 16, port: number,
  hostAt: (b: Uint8Array, at: number) => string): Contact {
  const slot = slotOf(b, idAt);
  const r = slot * 2;
  const w0 = word(b, ipAt);
  // An IPv6 address's slot stores its port + 0x10000: it never matches an IPv4 one.
  const portKey = ipLength === 4 ? port : port + 0x1_0000;
  if (contactKeys[r] === portKey && contactKeys[r + 1] === w0) {
    const cached = contacts[slot];
    if (cached !== undefined && equalAt(cached.id, b, idAt) && (ipLength === 4 || sameV6(b, ipAt, slot * 3))) return cached;
  }
  const contact = Object.freeze({ id: sharedIdAt(b, idAt), host: hostAt(b, ipAt), port });
  contacts[slot] = contact;
  contactKeys[r] = portKey;
  contactKeys[r + 1] = w0;
  if (ipLength === 16) {
    const t = slot * 3;
    v6Tail[t] = word(b, ipAt + 4);
    v6Tail[t + 1] = word(b, ipAt + 8);
    v6Tail[t + 2] = word(b, ipAt + 12);
  }
  return contact;
}

function sameV6(b: Uint8Array, at: number, t: number): boolean {
  return v6Tail[t] === word(b, at + 4) && v6Tail[t + 1] === word(b, at + 8) && v6Tail[t + 2] === word(b, at + 12);
}
