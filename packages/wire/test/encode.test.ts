import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WireEncodeError, type WireEncodeErrorCode } from "../src/index.js";
import { anyCoreMessage } from "./core-arbitraries.js";
import { corrupt, FIELDS, junk } from "./corrupt.js";
import { codec, idOf, ipv4Contacts, type TestMessage } from "./fixtures.js";

const { decode, encode } = codec;

const sender = idOf(1);
const base = { rid: 1, sender };

/** Messages `encode` must refuse, with the code it must use. Cast: they break the types on purpose. */
const invalid: Array<[string, unknown, WireEncodeErrorCode]> = [
  ["unknown type", { ...base, type: "HELLO" }, "ERR_INVALID_ARGUMENT"],
  ["prototype key as type", { ...base, type: "toString" }, "ERR_INVALID_ARGUMENT"],
  ["missing message", undefined, "ERR_INVALID_ARGUMENT"],
  ["negative rid", { type: "PING", rid: -1, sender }, "ERR_INVALID_ARGUMENT"],
  ["rid above uint32", { type: "PING", rid: 2 ** 32, sender }, "ERR_INVALID_ARGUMENT"],
  ["fractional rid", { type: "PING", rid: 1.5, sender }, "ERR_INVALID_ARGUMENT"],
  ["NaN rid", { type: "PING", rid: NaN, sender }, "ERR_INVALID_ARGUMENT"],
  ["short sender", { type: "PING", rid: 1, sender: new Uint8Array(31) }, "ERR_INVALID_ARGUMENT"],
  ["sender as array", { type: "PING", rid: 1, sender: Array.from(sender) }, "ERR_INVALID_ARGUMENT"],
  ["long target", { ...base, type: "FIND_NODE", target: new Uint8Array(33) }, "ERR_INVALID_ARGUMENT"],
  ["21 contacts", { ...base, type: "NODES", contacts: ipv4Contacts(21) }, "ERR_INVALID_ARGUMENT"],
  ["host name contact", { ...base, type: "NODES", contacts: [{ id: sender, host: "localhost", port: 1 }] }, "ERR_INVALID_ARGUMENT"],
  ["port 65536", { ...base, type: "NODES", contacts: [{ id: sender, host: "::1", port: 65536 }] }, "ERR_INVALID_ARGUMENT"],
  ["contact id short", { ...base, type: "NODES", contacts: [{ id: new Uint8Array(3), host: "::1", port: 1 }] }, "ERR_INVALID_ARGUMENT"],
  ["value too large", { ...base, type: "STORE", key: sender, value: new Uint8Array(1025), ttlMs: 1 }, "ERR_VALUE_TOO_LARGE"],
  ["value as string", { ...base, type: "VALUE", key: sender, value: "abc", ttlMs: 1 }, "ERR_INVALID_ARGUMENT"],
  ["negative ttl", { ...base, type: "STORE", key: sender, value: new Uint8Array(1), ttlMs: -1 }, "ERR_INVALID_ARGUMENT"],
  ["unsafe ttl", { ...base, type: "STORE", key: sender, value: new Uint8Array(1), ttlMs: 2 ** 53 }, "ERR_INVALID_ARGUMENT"],
  ["infinite ttl", { ...base, type: "STORE", key: sender, value: new Uint8Array(1), ttlMs: Infinity }, "ERR_INVALID_ARGUMENT"],
  ["short publisher", { ...base, type: "STORE", key: sender, value: new Uint8Array(1), ttlMs: 1, publisher: new Uint8Array(1) }, "ERR_INVALID_ARGUMENT"],
  ["broadcast id 32 bytes", { ...base, type: "BROADCAST", id: sender, origin: sender, depth: 0, data: new Uint8Array(0) }, "ERR_INVALID_ARGUMENT"],
  ["depth 257", { ...base, type: "BROADCAST", id: new Uint8Array(16), origin: sender, depth: 257, data: new Uint8Array(0) }, "ERR_INVALID_ARGUMENT"],
  ["broadcast data too large", { ...base, type: "BROADCAST", id: new Uint8Array(16), origin: sender, depth: 1, data: new Uint8Array(1025) }, "ERR_VALUE_TOO_LARGE"],
  ["error code above uint16", { ...base, type: "ERROR", code: 65536, message: "" }, "ERR_INVALID_ARGUMENT"],
  ["error message too long", { ...base, type: "ERROR", code: 1, message: "é".repeat(129) }, "ERR_INVALID_ARGUMENT"],
  ["wantToken false", { ...base, type: "FIND_NODE", target: sender, wantToken: false }, "ERR_INVALID_ARGUMENT"],
  ["wantToken as 1", { ...base, type: "FIND_NODE", target: sender, wantToken: 1 }, "ERR_INVALID_ARGUMENT"],
  ["error message lone surrogate", { ...base, type: "ERROR", code: 1, message: "a\ud800b" }, "ERR_INVALID_ARGUMENT"],
  ["contact null", { ...base, type: "NODES", contacts: [null] }, "ERR_INVALID_ARGUMENT"],
  ["nonce of 15 bytes", { ...base, type: "PING", nonce: new Uint8Array(15) }, "ERR_INVALID_ARGUMENT"],
  ["proof null", { ...base, type: "PONG", proof: null }, "ERR_INVALID_ARGUMENT"],
  ["token of 3 bytes", { ...base, type: "NODES", contacts: [], token: new Uint8Array(3) }, "ERR_INVALID_ARGUMENT"],
  ["kind 3", { ...base, type: "STORE", key: sender, value: new Uint8Array(1), ttlMs: 1, kind: 3 }, "ERR_INVALID_ARGUMENT"],
  ["cas -1", { ...base, type: "STORE", key: sender, value: new Uint8Array(1), ttlMs: 1, cas: -1 }, "ERR_INVALID_ARGUMENT"],
];

describe("encode rejects invalid messages", () => {
  for (const [name, message, code] of invalid) {
    it(`${name} -> ${code}`, () => {
      let caught: unknown;
      try {
        encode(message as TestMessage);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(WireEncodeError);
      expect((caught as WireEncodeError).code).toBe(code);
    });
  }

  it("accepts the limits themselves", () => {
    expect(() => encode({ ...base, type: "ERROR", code: 65535, message: "é".repeat(128) })).not.toThrow();
    expect(() => encode({ type: "PING", rid: 2 ** 32 - 1, sender })).not.toThrow();
    expect(() => encode({ ...base, type: "STORE", key: sender, value: new Uint8Array(1024), ttlMs: 2 ** 53 - 1 })).not.toThrow();
  });
});

/** `m` with one field (or one contact field) replaced by junk. */
const corrupted = fc
  .tuple(anyCoreMessage, fc.constantFrom(...FIELDS), fc.constantFrom(...junk))
  .map(([m, field, value]) => corrupt(m, field, value) as TestMessage);

describe("encode on corrupted messages", () => {
  it("throws only WireEncodeError, and what it encodes decodes (5,000 messages, seed 0xbad)", () => {
    fc.assert(
      fc.property(corrupted, (m) => {
        let bytes: Uint8Array;
        try {
          bytes = encode(m);
        } catch (error) {
          expect(error).toBeInstanceOf(WireEncodeError);
          return;
        }
        // A peer never receives what decode would reject.
        expect(() => decode(bytes)).not.toThrow();
      }),
      { numRuns: 5_000, seed: 0xbad },
    );
  }, 60_000);
});
