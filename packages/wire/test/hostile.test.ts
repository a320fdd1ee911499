import { concatBytes, fromHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { KademliaMessageType as MessageType, WireDecodeError, type WireDecodeErrorCode } from "../src/index.js";
import { codec, idOf, ipv4Contacts, msgpack } from "./fixtures.js";

/** Hand-made hostile datagrams, each rejected with its specific code. */

const { decode, encode, tryDecode } = codec;

const sender = idOf(1);
const p = (value: unknown): Uint8Array => msgpack.pack(value);
const f64 = (x: number): Uint8Array => {
  const out = new Uint8Array(9);
  out[0] = 0xcb;
  new DataView(out.buffer).setFloat64(1, x);
  return out;
};
const f32 = (x: number): Uint8Array => {
  const out = new Uint8Array(5);
  out[0] = 0xca;
  new DataView(out.buffer).setFloat32(1, x);
  return out;
};
/** An envelope from pre-encoded elements: `[...elements]` (at most 15). */
const arr = (...items: Uint8Array[]): Uint8Array => concatBytes(new Uint8Array([0x90 + items.length]), ...items);
/** A v1 envelope of `type` with already-encoded fields. */
const env = (type: number, ...fields: Uint8Array[]): Uint8Array => arr(p(1), p(type), p(7), p(sender), ...fields);
const ipv4 = new Uint8Array([127, 0, 0, 1]);
const nodes = (...contactBytes: Uint8Array[]) => env(MessageType.NODES, arr(...contactBytes));
const store = (key: Uint8Array, value: Uint8Array, ttl: Uint8Array, publisher: Uint8Array) =>
  env(MessageType.STORE, key, value, ttl, publisher);
const okStore = { key: p(idOf(2)), value: p(new Uint8Array(3)), ttl: p(1000), publisher: p(null) };
const broadcast = (id: Uint8Array, origin: Uint8Array, depth: Uint8Array, data: Uint8Array) =>
  env(MessageType.BROADCAST, id, origin, depth, data);
const okBroadcast = { id: p(new Uint8Array(16)), origin: p(idOf(3)), depth: p(4), data: p(new Uint8Array(2)) };
const ping = encode({ type: "PING", rid: 7, sender });
const nested = (levels: number, open: number, leaf: number) =>
  concatBytes(new Uint8Array(levels).fill(open), new Uint8Array([leaf]));

const corpus: Array<[string, Uint8Array, WireDecodeErrorCode]> = [
  ["empty input", new Uint8Array(0), "ERR_WIRE_EMPTY"],
  ["1233 bytes", new Uint8Array(1233), "ERR_WIRE_TOO_LARGE"],
  ["64 KiB", new Uint8Array(65536).fill(0x91), "ERR_WIRE_TOO_LARGE"],
  // Truncation and declared lengths far beyond the datagram.
  ["PING missing its last byte", ping.subarray(0, ping.length - 1), "ERR_WIRE_TRUNCATED"],
  ["array32 declaring 2^32-1 items", fromHex("ddffffffff01"), "ERR_WIRE_TRUNCATED"],
  ["array16 declaring 65535 items", fromHex("dcffff0102"), "ERR_WIRE_TRUNCATED"],
  ["map32 declaring 2^32-1 pairs", fromHex("dfffffffff0101"), "ERR_WIRE_TRUNCATED"],
  ["bin32 declaring 4 GiB", fromHex("c6ffffffff00"), "ERR_WIRE_TRUNCATED"],
  ["str32 declaring 4 GiB", fromHex("dbffffffff61"), "ERR_WIRE_TRUNCATED"],
  ["bin8 longer than the rest", fromHex("9401c40501"), "ERR_WIRE_TRUNCATED"],
  ["uint32 cut short", fromHex("ce0001"), "ERR_WIRE_TRUNCATED"],
  ["array32 length cut short", fromHex("dd0000"), "ERR_WIRE_TRUNCATED"],
  ["envelope with one item missing", fromHex("940101"), "ERR_WIRE_TRUNCATED"],
  // Trailing bytes.
  ["PING plus one byte", concatBytes(ping, new Uint8Array([0])), "ERR_WIRE_TRAILING_BYTES"],
  ["two PINGs in one datagram", concatBytes(ping, ping), "ERR_WIRE_TRAILING_BYTES"],
  // Nesting.
  ["17 nested arrays", nested(17, 0x91, 0xc0), "ERR_WIRE_TOO_DEEP"],
  ["1231 nested arrays", nested(1231, 0x91, 0xc0), "ERR_WIRE_TOO_DEEP"],
  ["17 nested maps", concatBytes(...Array.from({ length: 17 }, () => fromHex("8100")), fromHex("c0")), "ERR_WIRE_TOO_DEEP"],
  ["deep nesting inside the extension map", concatBytes(fromHex("95"), ping.subarray(1), fromHex("8101"), nested(15, 0x91, 0xc0)), "ERR_WIRE_TOO_DEEP"],
  // Not MessagePack as Plexus uses it.
  ["0xc1 alone", fromHex("c1"), "ERR_WIRE_MALFORMED"],
  ["0xc1 inside an envelope", env(MessageType.FIND_NODE, fromHex("c1")), "ERR_WIRE_MALFORMED"],
  ["fixext 1", fromHex("d40000"), "ERR_WIRE_MALFORMED"],
  ["timestamp ext", fromHex("d6ff00000000"), "ERR_WIRE_MALFORMED"],
  ["msgpackr record definition ext", fromHex("d47240"), "ERR_WIRE_MALFORMED"],
  ["msgpackr typed-array ext as sender", arr(p(1), p(1), p(7), concatBytes(fromHex("c72174"), new Uint8Array([1]), sender)), "ERR_WIRE_MALFORMED"],
  ["ext8 envelope", fromHex("c70201ffff"), "ERR_WIRE_MALFORMED"],
  ["invalid UTF-8 str", env(MessageType.ERROR, p(1), fromHex("a2c328")), "ERR_WIRE_MALFORMED"],
  ["overlong UTF-8 str", env(MessageType.ERROR, p(1), fromHex("a2c080")), "ERR_WIRE_MALFORMED"],
  ["UTF-8 encoded surrogate", env(MessageType.ERROR, p(1), fromHex("a3eda080")), "ERR_WIRE_MALFORMED"],
  // Envelope shape.
  ["a bare integer", fromHex("01"), "ERR_WIRE_BAD_ENVELOPE"],
  ["nil", fromHex("c0"), "ERR_WIRE_BAD_ENVELOPE"],
  ["a str", p("PING"), "ERR_WIRE_BAD_ENVELOPE"],
  ["a bin", p(new Uint8Array(40)), "ERR_WIRE_BAD_ENVELOPE"],
  ["an empty array", fromHex("90"), "ERR_WIRE_BAD_ENVELOPE"],
  ["a map with __proto__", p(new Map<string, unknown>([["__proto__", { admin: true }], ["constructor", 1]])), "ERR_WIRE_BAD_ENVELOPE"],
  ["three header elements", arr(p(1), p(1), p(7)), "ERR_WIRE_BAD_ENVELOPE"],
  ["PING with a field", env(MessageType.PING, p(1)), "ERR_WIRE_BAD_ENVELOPE"],
  ["PING with two maps", env(MessageType.PING, p(new Map()), p(new Map())), "ERR_WIRE_BAD_ENVELOPE"],
  ["FIND_NODE without target", env(MessageType.FIND_NODE), "ERR_WIRE_BAD_ENVELOPE"],
  ["STORE with three fields", env(MessageType.STORE, okStore.key, okStore.value, okStore.ttl), "ERR_WIRE_BAD_ENVELOPE"],
  ["extension that is an array", env(MessageType.FIND_NODE, p(idOf(2)), p([1])), "ERR_WIRE_BAD_ENVELOPE"],
  // Version.
  ["version 0", arr(p(0), p(1), p(7), p(sender)), "ERR_WIRE_VERSION"],
  ["version 2", arr(p(2), p(1), p(7), p(sender)), "ERR_WIRE_VERSION"],
  ["version 2 with another layout", arr(p(2)), "ERR_WIRE_VERSION"],
  ["version -1", arr(p(-1), p(1), p(7), p(sender)), "ERR_WIRE_VERSION"],
  ["version as str", arr(p("1"), p(1), p(7), p(sender)), "ERR_WIRE_VERSION"],
  ["version nil", arr(p(null), p(1), p(7), p(sender)), "ERR_WIRE_VERSION"],
  ["version 1.5", arr(f64(1.5), p(1), p(7), p(sender)), "ERR_WIRE_VERSION"],
  // Type code.
  ["type 0", env(0), "ERR_WIRE_UNKNOWN_TYPE"],
  ["type 0x12 (reserved)", env(0x12), "ERR_WIRE_UNKNOWN_TYPE"],
  ["type 0x7e", env(0x7e), "ERR_WIRE_UNKNOWN_TYPE"],
  ["type 0x80", env(0x80), "ERR_WIRE_UNKNOWN_TYPE"],
  ["type 2^32-1", env(0xffff_ffff), "ERR_WIRE_UNKNOWN_TYPE"],
  ["type -1", env(-1), "ERR_WIRE_UNKNOWN_TYPE"],
  ["type as str", arr(p(1), p("PING"), p(7), p(sender)), "ERR_WIRE_UNKNOWN_TYPE"],
  ["type __proto__", arr(p(1), p("__proto__"), p(7), p(sender)), "ERR_WIRE_UNKNOWN_TYPE"],
  // Header fields.
  ["rid -1", arr(p(1), p(1), p(-1), p(sender)), "ERR_WIRE_BAD_FIELD"],
  ["rid 2^32", arr(p(1), p(1), p(2 ** 32), p(sender)), "ERR_WIRE_BAD_FIELD"],
  ["rid 1.5", arr(p(1), p(1), f64(1.5), p(sender)), "ERR_WIRE_BAD_FIELD"],
  ["rid 7.0 as float", arr(p(1), p(1), f64(7), p(sender)), "ERR_WIRE_BAD_FIELD"],
  ["rid NaN", arr(p(1), p(1), f64(NaN), p(sender)), "ERR_WIRE_BAD_FIELD"],
  ["rid float32", arr(p(1), p(1), f32(7), p(sender)), "ERR_WIRE_BAD_FIELD"],
  ["rid nil", arr(p(1), p(1), p(null), p(sender)), "ERR_WIRE_BAD_FIELD"],
  ["rid true", arr(p(1), p(1), p(true), p(sender)), "ERR_WIRE_BAD_FIELD"],
  ["sender 31 bytes", arr(p(1), p(1), p(7), p(new Uint8Array(31))), "ERR_WIRE_BAD_FIELD"],
  ["sender 33 bytes", arr(p(1), p(1), p(7), p(new Uint8Array(33))), "ERR_WIRE_BAD_FIELD"],
  ["sender as 32-char str", arr(p(1), p(1), p(7), p("x".repeat(32))), "ERR_WIRE_BAD_FIELD"],
  ["sender as map with __proto__", arr(p(1), p(1), p(7), p(new Map([["__proto__", 1]]))), "ERR_WIRE_BAD_FIELD"],
  ["sender as array of 32 ints", arr(p(1), p(1), p(7), p(Array.from(sender))), "ERR_WIRE_BAD_FIELD"],
  // FIND_NODE / FIND_VALUE.
  ["target 31 bytes", env(MessageType.FIND_NODE, p(new Uint8Array(31))), "ERR_WIRE_BAD_FIELD"],
  ["target nil", env(MessageType.FIND_NODE, p(null)), "ERR_WIRE_BAD_FIELD"],
  ["key as str", env(MessageType.FIND_VALUE, p("k".repeat(32))), "ERR_WIRE_BAD_FIELD"],
  // NODES.
  ["contacts as map", env(MessageType.NODES, p(new Map())), "ERR_WIRE_BAD_FIELD"],
  ["21 contacts", env(MessageType.NODES, p(Array.from({ length: 21 }, () => [sender, ipv4, 1]))), "ERR_WIRE_BAD_FIELD"],
  ["contact with 2 elements", nodes(p([sender, ipv4])), "ERR_WIRE_BAD_FIELD"],
  ["contact with 4 elements, no map", nodes(p([sender, ipv4, 1, 1])), "ERR_WIRE_BAD_FIELD"],
  ["contact id 31 bytes", nodes(p([new Uint8Array(31), ipv4, 1])), "ERR_WIRE_BAD_FIELD"],
  ["contact ip 5 bytes", nodes(p([sender, new Uint8Array(5), 1])), "ERR_WIRE_BAD_FIELD"],
  ["contact ip as str", nodes(p([sender, "127.0.0.1", 1])), "ERR_WIRE_BAD_FIELD"],
  ["contact port 65536", nodes(p([sender, ipv4, 65536])), "ERR_WIRE_BAD_FIELD"],
  ["contact port -1", nodes(p([sender, ipv4, -1])), "ERR_WIRE_BAD_FIELD"],
  ["contact port 80.0 as float", nodes(arr(p(sender), p(ipv4), f64(80))), "ERR_WIRE_BAD_FIELD"],
  ["contact port nil", nodes(p([sender, ipv4, null])), "ERR_WIRE_BAD_FIELD"],
  ["contact as int", nodes(p(5)), "ERR_WIRE_BAD_FIELD"],
  // STORE / VALUE.
  ["value 1025 bytes", store(okStore.key, p(new Uint8Array(1025)), okStore.ttl, okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["value as str", store(okStore.key, p("abc"), okStore.ttl, okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["key 33 bytes", store(p(new Uint8Array(33)), okStore.value, okStore.ttl, okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["ttl -1", store(okStore.key, okStore.value, p(-1), okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["ttl 1.5", store(okStore.key, okStore.value, f64(1.5), okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["ttl NaN", store(okStore.key, okStore.value, f64(NaN), okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["ttl Infinity", store(okStore.key, okStore.value, f64(Infinity), okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["ttl 2^53 as uint64", store(okStore.key, okStore.value, fromHex("cf0020000000000000"), okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["ttl 2^64-1", store(okStore.key, okStore.value, fromHex("cfffffffffffffffff"), okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["ttl as str", store(okStore.key, okStore.value, p("1000"), okStore.publisher), "ERR_WIRE_BAD_FIELD"],
  ["publisher 31 bytes", store(okStore.key, okStore.value, okStore.ttl, p(new Uint8Array(31))), "ERR_WIRE_BAD_FIELD"],
  ["publisher false", store(okStore.key, okStore.value, okStore.ttl, p(false)), "ERR_WIRE_BAD_FIELD"],
  ["VALUE publisher as empty map", env(MessageType.VALUE, okStore.key, okStore.value, okStore.ttl, p(new Map())), "ERR_WIRE_BAD_FIELD"],
  // BROADCAST.
  ["broadcast id 32 bytes", broadcast(p(sender), okBroadcast.origin, okBroadcast.depth, okBroadcast.data), "ERR_WIRE_BAD_FIELD"],
  ["origin 16 bytes", broadcast(okBroadcast.id, p(new Uint8Array(16)), okBroadcast.depth, okBroadcast.data), "ERR_WIRE_BAD_FIELD"],
  ["depth 257", broadcast(okBroadcast.id, okBroadcast.origin, p(257), okBroadcast.data), "ERR_WIRE_BAD_FIELD"],
  ["depth -1", broadcast(okBroadcast.id, okBroadcast.origin, p(-1), okBroadcast.data), "ERR_WIRE_BAD_FIELD"],
  ["depth 2.0 as float", broadcast(okBroadcast.id, okBroadcast.origin, f64(2), okBroadcast.data), "ERR_WIRE_BAD_FIELD"],
  ["data 1025 bytes", broadcast(okBroadcast.id, okBroadcast.origin, okBroadcast.depth, p(new Uint8Array(1025))), "ERR_WIRE_BAD_FIELD"],
  ["data as array", broadcast(okBroadcast.id, okBroadcast.origin, okBroadcast.depth, p([1, 2])), "ERR_WIRE_BAD_FIELD"],
  // ERROR.
  ["error code 65536", env(MessageType.ERROR, p(65536), p("x")), "ERR_WIRE_BAD_FIELD"],
  ["error code -1", env(MessageType.ERROR, p(-1), p("x")), "ERR_WIRE_BAD_FIELD"],
  ["error code 1.0 as float", env(MessageType.ERROR, f64(1), p("x")), "ERR_WIRE_BAD_FIELD"],
  ["error message 257 bytes", env(MessageType.ERROR, p(1), p("é".repeat(128) + "x")), "ERR_WIRE_BAD_FIELD"],
  ["error message as bin", env(MessageType.ERROR, p(1), p(new Uint8Array(3))), "ERR_WIRE_BAD_FIELD"],
];

describe("hostile corpus", () => {
  for (const [name, bytes, code] of corpus) {
    it(`${name} -> ${code}`, () => {
      const result = tryDecode(bytes);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBeInstanceOf(WireDecodeError);
      expect(result.error.code).toBe(code);
      expect(() => decode(bytes)).toThrow(WireDecodeError);
    });
  }

  it("never pollutes Object.prototype", () => {
    for (const [, bytes] of corpus) tryDecode(bytes);
    expect(Object.prototype).not.toHaveProperty("admin");
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("rejects every proper prefix of a valid NODES as truncated", () => {
    const wire = encode({ type: "NODES", rid: 1, sender, contacts: ipv4Contacts(3) });
    for (let n = 1; n < wire.length; n++) {
      expect(tryDecode(wire.subarray(0, n))).toMatchObject({ ok: false, error: { code: "ERR_WIRE_TRUNCATED" } });
    }
  });

  it("reports the header of an unknown type so the node can answer UNSUPPORTED", () => {
    const result = tryDecode(env(0x50, p("future field")));
    expect(result).toMatchObject({ ok: false, error: { code: "ERR_WIRE_UNKNOWN_TYPE", header: { version: 1, typeCode: 0x50, rid: 7, sender } } });
  });

  it("reports no header when the header itself is bad", () => {
    const result = tryDecode(arr(p(1), p(1), p(-1), p(sender)));
    expect(result).toMatchObject({ ok: false, error: { header: undefined } });
  });

  it("accepts a contact list of exactly 20 and a float inside the extension map", () => {
    const twenty = p(Array.from({ length: 20 }, () => [sender, ipv4, 1]));
    expect(decode(env(MessageType.NODES, twenty)).type).toBe("NODES");
    expect(decode(env(MessageType.PING, p(new Map([[1, 1.5]])))).type).toBe("PING");
  });
});
