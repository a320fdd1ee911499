import { MAX_ERROR_MESSAGE_BYTES, type KademliaMessage } from "../src/index.js";

/** Corrupted messages for the encoder tests: one field replaced by junk. */

/** Values that break one field or another: wrong type, size, range or sign. */
export const junk: unknown[] = [
  undefined, null, -1, -0, 1.5, NaN, Infinity, 2 ** 32, 2 ** 53, "x", "é\ud800", true, false, {}, [], [1],
  new Uint8Array(0), new Uint8Array(3), new Uint8Array(15), new Uint8Array(16), new Uint8Array(31), new Uint8Array(32),
  new Uint8Array(33), new Uint8Array(64), new Uint8Array(1025), Buffer.alloc(32, 1), Buffer.alloc(16, 2), new Uint16Array(16),
  "localhost", "1.2.3", "::1", "1.2.3.4", "2001:db8::1%lo", 65_536, 3, 0, 256, 257, 0xffff_ffff, "x".repeat(MAX_ERROR_MESSAGE_BYTES + 1),
  "😀".repeat(64), "😀".repeat(65), { publicKey: new Uint8Array(32), signature: new Uint8Array(64) },
  { publicKey: new Uint8Array(31), signature: new Uint8Array(64) },
];
export const FIELDS = ["type", "rid", "sender", "target", "key", "value", "ttlMs", "publisher", "token", "kind", "cas", "nonce",
  "proof", "wantToken", "contacts", "id", "origin", "depth", "data", "code", "message", "contact.id", "contact.host",
  "contact.port", "contact"];

/** `m` with one field (or one field of its last contact) replaced by `value`. */
export function corrupt(m: KademliaMessage, field: string, value: unknown): KademliaMessage {
  const out: Record<string, unknown> = { ...m };
  if (field.startsWith("contact") && m.type === "NODES" && m.contacts.length > 0) {
    const list: unknown[] = [...m.contacts];
    list[list.length - 1] = field === "contact" ? value : { ...m.contacts[0], [field.slice(8)]: value };
    out.contacts = list;
  } else {
    out[field] = value;
  }
  return out as unknown as KademliaMessage;
}
