import fc from "fast-check";
import { bytesToIp, type Contact } from "@plexus/core";
import {
  MAX_BROADCAST_DATA_BYTES,
  MAX_CONTACTS,
  MAX_ERROR_MESSAGE_BYTES,
  MAX_SIGNED_DATA_BYTES,
  MAX_VALUE_BYTES,
} from "../src/index.js";
import type { TestMessage } from "./fixtures.js";

/** fast-check arbitraries for every v1 message, within the protocol limits. */

export const id = fc.uint8Array({ minLength: 32, maxLength: 32 });
const rid = fc.nat({ max: 0xffff_ffff });
const ttlMs = fc.oneof(fc.nat({ max: 0xffff_ffff }), fc.maxSafeNat());
/** Hosts in the canonical text form `bytesToIp` produces, so they round-trip exactly. */
const host = fc.oneof(
  fc.uint8Array({ minLength: 4, maxLength: 4 }).map(bytesToIp),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map(bytesToIp),
);
export const contact: fc.Arbitrary<Contact> = fc.record({ id, host, port: fc.nat({ max: 0xffff }) });

const header = { rid, sender: id };
// Error texts of at most MAX_ERROR_MESSAGE_BYTES UTF-8 bytes (4 bytes per code point worst case).
const errorText = fc.string({ unit: "binary", maxLength: MAX_ERROR_MESSAGE_BYTES / 4 });
/** The fields of a BROADCAST with at most `maxData` bytes of data. */
const broadcastFields = (maxData: number) => ({
  type: fc.constant("BROADCAST" as const),
  ...header,
  id: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  origin: id,
  depth: fc.nat({ max: 256 }),
  data: fc.uint8Array({ maxLength: maxData }),
});
const record = <T extends "STORE" | "VALUE">(type: T) =>
  fc.record(
    {
      type: fc.constant(type),
      ...header,
      key: id,
      value: fc.uint8Array({ maxLength: MAX_VALUE_BYTES }),
      ttlMs,
      publisher: id,
    },
    { requiredKeys: ["type", "rid", "sender", "key", "value", "ttlMs"] },
  );

/** One arbitrary per message type, by name. */
export const messageByType: Record<TestMessage["type"], fc.Arbitrary<TestMessage>> = {
  PING: fc.record({ type: fc.constant("PING" as const), ...header }),
  PONG: fc.record({ type: fc.constant("PONG" as const), ...header }),
  FIND_NODE: fc.record({ type: fc.constant("FIND_NODE" as const), ...header, target: id }),
  NODES: fc.record({
    type: fc.constant("NODES" as const),
    ...header,
    contacts: fc.array(contact, { maxLength: MAX_CONTACTS }),
  }),
  FIND_VALUE: fc.record({ type: fc.constant("FIND_VALUE" as const), ...header, key: id }),
  VALUE: record("VALUE"),
  STORE: record("STORE"),
  STORED: fc.record({ type: fc.constant("STORED" as const), ...header }),
  BROADCAST: fc.oneof(
    fc.record(broadcastFields(MAX_BROADCAST_DATA_BYTES)),
    // Signed by its origin (protocol.md 10.7): at most MAX_SIGNED_DATA_BYTES of data.
    fc.record({
      ...broadcastFields(MAX_SIGNED_DATA_BYTES),
      auth: fc.record({
        publicKey: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        seq: fc.oneof(fc.nat({ max: 0xffff_ffff }), fc.nat({ max: Number.MAX_SAFE_INTEGER })),
        signature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
      }),
    }),
  ),
  ACK: fc.record({ type: fc.constant("ACK" as const), ...header }),
  ERROR: fc.record({ type: fc.constant("ERROR" as const), ...header, code: fc.nat({ max: 0xffff }), message: errorText }),
};

/** Any v1 message. */
export const anyMessage: fc.Arbitrary<TestMessage> = fc.oneof(...Object.values(messageByType));
