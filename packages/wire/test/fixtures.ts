import type { Contact } from "@plexus/core";
import { Packr } from "msgpackr";
import {
  createCodec,
  MAX_BROADCAST_DATA_BYTES,
  MAX_CONTACTS,
  MAX_ERROR_MESSAGE_BYTES,
  MAX_VALUE_BYTES,
  type KademliaMessage,
} from "../src/index.js";

/** Every message the test codec knows. */
export type TestMessage = KademliaMessage;

/** The codec under test: the Kademlia types (layers' types are tested in their packages). */
export const codec = createCodec();

/**
 * A plain msgpackr for hand-made datagrams (hostile ones included): same options as the
 * codec's, so `pack` writes what an honest peer would.
 */
export const msgpack = new Packr({ useRecords: false, mapsAsObjects: false, int64AsType: "number" });

/** Deterministic, largest-possible messages: each must still fit one datagram. */

/** A 32-byte id filled with `byte`. */
export const idOf = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);

/** `n` IPv6 contacts with ports near the top of the range (longest encodings). */
export function ipv6Contacts(n: number): Contact[] {
  return Array.from({ length: n }, (_, i) => ({
    id: idOf(i + 1),
    host: `2001:db8:ffff:ffff:ffff:ffff:ffff:${(0xff00 + i).toString(16)}`,
    port: 65535 - i,
  }));
}

/** `n` IPv4 contacts. */
export function ipv4Contacts(n: number): Contact[] {
  return Array.from({ length: n }, (_, i) => ({ id: idOf(i + 1), host: `10.0.${i}.1`, port: 40000 + i }));
}

const rid = 0xffff_ffff;
const sender = idOf(0xee);

/** The largest message of each size-bound type. */
export const largest: Record<string, TestMessage> = {
  "NODES with 20 IPv6 contacts": { type: "NODES", rid, sender, contacts: ipv6Contacts(MAX_CONTACTS) },
  "VALUE with max value and publisher": {
    type: "VALUE", rid, sender, key: idOf(1), value: new Uint8Array(MAX_VALUE_BYTES).fill(0xff),
    ttlMs: Number.MAX_SAFE_INTEGER, publisher: idOf(2),
  },
  "STORE with max value and publisher": {
    type: "STORE", rid, sender, key: idOf(1), value: new Uint8Array(MAX_VALUE_BYTES).fill(0xff),
    ttlMs: Number.MAX_SAFE_INTEGER, publisher: idOf(2),
  },
  "BROADCAST with max data": {
    type: "BROADCAST", rid, sender, id: new Uint8Array(16).fill(7), origin: idOf(3), depth: 256,
    data: new Uint8Array(MAX_BROADCAST_DATA_BYTES).fill(0xff),
  },
  "ERROR with max message": {
    type: "ERROR", rid, sender, code: 0xffff, message: "x".repeat(MAX_ERROR_MESSAGE_BYTES),
  },
};
