import fc from "fast-check";
import { bytesToIp, type Contact } from "@plexus/core";
import {
  MAX_BROADCAST_DATA_BYTES,
  MAX_CONTACTS,
  MAX_ERROR_MESSAGE_BYTES,
  MAX_VALUE_BYTES,
  type KademliaMessage,
} from "../src/index.js";

/**
 * fast-check arbitraries for the core (non-realtime) messages with every optional field and
 * extension, biased to the edges of each MessagePack encoding: ints at 127/128, 255/256,
 * 65535/65536, 2^32 - 1/2^32, 2^53 - 1; byte strings of 0, 255, 256 and 1024 bytes; IPv4,
 * IPv6 and IPv4-mapped hosts; 15, 16 and 20 contacts.
 */

const EDGE_UINTS = [0, 1, 31, 32, 127, 128, 255, 256, 65_535, 65_536, 0xffff_ffff] as const;

/** An integer in 0..max, half of the time one of the encoding edges. */
const uintUpTo = (max: number): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(...[...EDGE_UINTS, max].filter((n) => n <= max)), fc.nat({ max }));
const safeUint = fc.oneof(
  uintUpTo(0xffff_ffff),
  fc.constantFrom(2 ** 32, 2 ** 32 + 1, 2 ** 40, Number.MAX_SAFE_INTEGER),
  fc.maxSafeNat(),
);
const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
/** 0..max bytes, often exactly 0, 255, 256 or max. */
const payload = (max: number) =>
  fc.oneof(fc.constantFrom(0, 1, 255, 256, max).chain(bytes), fc.uint8Array({ maxLength: max }));

const id = bytes(32);
const host = fc.oneof(
  bytes(4).map(bytesToIp),
  bytes(16).map(bytesToIp),
  bytes(4).map((v4) => bytesToIp(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]))),
  fc.constantFrom("127.0.0.1", "::1", "::", "0.0.0.0", "2001:db8::1", "255.255.255.255"),
);
const contact: fc.Arbitrary<Contact> = fc.record({ id, host, port: uintUpTo(0xffff) });
const contacts = fc.oneof(
  fc.array(contact, { maxLength: MAX_CONTACTS }),
  fc.constantFrom(15, 16, MAX_CONTACTS).chain((n) => fc.array(contact, { minLength: n, maxLength: n })),
);
const token = fc.oneof(bytes(4), bytes(16), bytes(32), fc.uint8Array({ minLength: 4, maxLength: 32 }));
const header = { rid: uintUpTo(0xffff_ffff), sender: id };
const base = ["type", "rid", "sender"] as const;
/** ERROR texts of at most MAX_ERROR_MESSAGE_BYTES UTF-8 bytes, with 1- to 4-byte characters. */
const errorText = fc.oneof(
  fc.string({ unit: "binary", maxLength: MAX_ERROR_MESSAGE_BYTES / 4 }),
  fc.constantFrom(0, 31, 32, 255, 256).map((n) => "x".repeat(n)),
  fc.constantFrom("é".repeat(16), "é".repeat(128), "€".repeat(85), "😀".repeat(64), "a😀é€"),
);

const record = <T extends "STORE" | "VALUE">(type: T) => {
  const fields = {
    type: fc.constant(type), ...header, key: id, value: payload(MAX_VALUE_BYTES), ttlMs: safeUint, publisher: id, token,
  };
  return type === "STORE"
    ? fc.record({ ...fields, kind: fc.constantFrom(0 as const, 1 as const, 2 as const), cas: safeUint },
      { requiredKeys: [...base, "key", "value", "ttlMs"] })
    : fc.record(fields, { requiredKeys: [...base, "key", "value", "ttlMs"] });
};

/** One arbitrary per core type, by name, every optional field present about half of the time. */
export const coreMessageByType: Record<KademliaMessage["type"], fc.Arbitrary<KademliaMessage>> = {
  PING: fc.record({ type: fc.constant("PING" as const), ...header, nonce: bytes(16) }, { requiredKeys: [...base] }),
  PONG: fc.record(
    { type: fc.constant("PONG" as const), ...header, proof: fc.record({ publicKey: bytes(32), signature: bytes(64) }) },
    { requiredKeys: [...base] },
  ),
  FIND_NODE: fc.record(
    { type: fc.constant("FIND_NODE" as const), ...header, target: id, wantToken: fc.constant(true as const), nonce: bytes(16) },
    { requiredKeys: [...base, "target"] },
  ),
  NODES: fc.oneof(
    fc.record({ type: fc.constant("NODES" as const), ...header, contacts, token }, { requiredKeys: [...base, "contacts"] }),
    // With an id proof (docs/protocol.md 10.2): at most 15 contacts, so that any mix of families fits.
    fc.record(
      { type: fc.constant("NODES" as const), ...header, contacts: contacts.map((list) => list.slice(0, 15)), token,
        proof: fc.record({ publicKey: bytes(32), signature: bytes(64) }) },
      { requiredKeys: [...base, "contacts", "proof"] },
    ),
  ),
  FIND_VALUE: fc.record({ type: fc.constant("FIND_VALUE" as const), ...header, key: id }),
  VALUE: record("VALUE"),
  STORE: record("STORE"),
  STORED: fc.record({ type: fc.constant("STORED" as const), ...header }),
  BROADCAST: fc.record({
    type: fc.constant("BROADCAST" as const), ...header, id: bytes(16), origin: id, depth: uintUpTo(256),
    data: payload(MAX_BROADCAST_DATA_BYTES),
  }),
  ACK: fc.record({ type: fc.constant("ACK" as const), ...header }),
  ERROR: fc.record({ type: fc.constant("ERROR" as const), ...header, code: uintUpTo(0xffff), message: errorText }),
};

/** Any core message, extensions included. */
export const anyCoreMessage: fc.Arbitrary<KademliaMessage> = fc.oneof(...Object.values(coreMessageByType));
