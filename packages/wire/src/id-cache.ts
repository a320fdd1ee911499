import type { Contact, NodeId } from "@plexus/core";

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

/** Slot of the id at `b[at]`: a multiplicative hash of its first 4 bytes (ids are hashes; this also spreads made-up ones). */
function slotOf(b: Uint8Array, at: number): number {
  const w = (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
  return Math.imul(w, 0x9e37_79b1) >>> SHIFT;
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

/** The shared, frozen contact for the 32-byte id at `b[idAt]`, `host` and `port`. */
export function sharedContactAt(b: Uint8Array, idAt: number, host: string, port: number): Contact {
  const slot = slotOf(b, idAt);
  const cached = contacts[slot];
  if (cached !== undefined && cached.port === port && cached.host === host && equalAt(cached.id, b, idAt)) return cached;
  const contact = Object.freeze({ id: sharedIdAt(b, idAt), host, port });
  contacts[slot] = contact;
  return contact;
}
