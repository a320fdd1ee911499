import fc from "fast-check";
import { toHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { KademliaMessageType, MAX_DATAGRAM_BYTES, PROTOCOL_VERSION, type KademliaMessage } from "../src/index.js";
import { anyMessage, messageByType } from "./arbitraries.js";
import { coreMessageByType } from "./core-arbitraries.js";
import { codec, idOf, largest, msgpack, type TestMessage } from "./fixtures.js";

/** The codec on every built-in type: round trips, returned bytes, integer forms, extensions. */

const { decode, encode, isRequest, isResponse } = codec;

describe("round trip", () => {
  for (const [type, arb] of Object.entries(messageByType)) {
    it(`decode(encode(m)) equals m for every ${type}`, () => {
      fc.assert(
        fc.property(arb, (m) => {
          const bytes = encode(m);
          expect(bytes.length).toBeLessThanOrEqual(MAX_DATAGRAM_BYTES);
          expect(decode(bytes)).toEqual(m);
          // Re-encoding the decoded message gives the same bytes.
          expect(encode(decode(bytes))).toEqual(bytes);
        }),
        { numRuns: 200, seed: 0x5eed },
      );
    }, 30_000);
  }

  for (const [type, arb] of Object.entries(coreMessageByType)) {
    it(`round-trips ${type} with every extension, at the encoding edges`, () => {
      fc.assert(
        fc.property(arb, (m) => {
          const bytes = encode(m);
          expect(decode(bytes)).toEqual(m);
          expect(toHex(encode(decode(bytes)))).toBe(toHex(bytes));
        }),
        { numRuns: 300, seed: 0xdec0 },
      );
    }, 30_000);
  }
});

describe("sizes", () => {
  for (const [name, m] of Object.entries(largest)) {
    it(`${name} fits one datagram`, () => {
      const bytes = encode(m);
      expect(bytes.length).toBeLessThanOrEqual(MAX_DATAGRAM_BYTES);
      expect(decode(bytes)).toEqual(m);
    });
  }
});

/** Asserts that every byte field is a plain, compact `Uint8Array` (a copy, not a view). */
function expectPlainCopies(fields: Uint8Array[]): void {
  for (const field of fields) {
    expect(Object.getPrototypeOf(field)).toBe(Uint8Array.prototype);
    expect([field.byteOffset, field.buffer.byteLength]).toEqual([0, field.length]);
  }
}

describe("returned bytes", () => {
  it("encode returns compact plain Uint8Arrays of their own", () => {
    const a = encode({ type: "PING", rid: 1, sender: idOf(1) });
    const b = encode({ type: "PING", rid: 2, sender: idOf(1) });
    expect(a).not.toEqual(b);
    for (const bytes of [a, b]) {
      expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
      expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.length]);
    }
  });

  it("decoded byte fields are plain copies that never alias the datagram", () => {
    const m: TestMessage = { type: "STORE", rid: 9, sender: idOf(1), key: idOf(2), value: new Uint8Array([1, 2, 3]), ttlMs: 5, publisher: idOf(3), token: idOf(4) };
    const wire = encode(m);
    const decoded = decode(wire);
    wire.fill(0); // a transport reusing its receive buffer
    expect(decoded).toEqual(m);
    if (decoded.type !== "STORE") throw new Error("type");
    expectPlainCopies([decoded.sender, decoded.key, decoded.value, decoded.publisher!, decoded.token!]);
  });

  it("accepts a Buffer or a view into a larger buffer, and returns plain copies", () => {
    const m: TestMessage = { type: "STORE", rid: 1, sender: idOf(1), key: idOf(2), value: new Uint8Array(300).fill(3), ttlMs: 9, token: idOf(4) };
    const wire = encode(m);
    const big = new Uint8Array(wire.length + 20).fill(0xc1);
    big.set(wire, 10);
    for (const input of [Buffer.from(wire), big.subarray(10, 10 + wire.length)]) {
      const decoded = decode(input);
      expect(decoded).toEqual(m);
      if (decoded.type !== "STORE") throw new Error("type");
      expectPlainCopies([decoded.sender, decoded.key, decoded.value, decoded.token!]);
    }
  });

  it("keeps decoded contacts independent of the datagram and of later datagrams", () => {
    const id = idOf(60);
    const wire = encode({ type: "NODES", rid: 7, sender: id, contacts: [{ id, host: "127.0.0.5", port: 10 }] });
    const m = decode(wire);
    wire.fill(0xff);
    decode(encode({ type: "NODES", rid: 7, sender: idOf(61), contacts: [{ id: idOf(61), host: "127.0.0.6", port: 11 }] }));
    expect(m).toEqual({ type: "NODES", rid: 7, sender: id, contacts: [{ id, host: "127.0.0.5", port: 10 }] });
    if (m.type !== "NODES") throw new Error("type");
    expectPlainCopies([m.sender, m.contacts[0]!.id]);
  });

  it("tells IPv4 from IPv6 addresses that share their first four bytes", () => {
    const id = idOf(70);
    const contacts = [
      { id, host: "127.0.0.1", port: 5 }, { id, host: "7f00:1::", port: 5 }, { id, host: "7f00:1::1", port: 5 },
      { id, host: "::ffff:127.0.0.1", port: 5 },
    ];
    expect(decode(encode({ type: "NODES", rid: 1, sender: id, contacts }))).toEqual({ type: "NODES", rid: 1, sender: id, contacts });
  });
});

/** The hex of a STORE's ttl field: after the header, the key (34 bytes) and a 1-byte value (3 bytes). */
function ttlBytes(ttlMs: number): string {
  const m: KademliaMessage = { type: "STORE", rid: 1, sender: idOf(1), key: idOf(2), value: new Uint8Array(1), ttlMs };
  const hex = toHex(encode(m));
  const head = 2 + 2 + 2 + 2 + 2 * 34; // fixarray, version, type, rid, sender
  return hex.slice(head + 2 * 34 + 2 * 3, hex.length - 2); // minus key and value; nil publisher last
}

describe("integer, bin and str forms (protocol.md section 2)", () => {
  it("writes the shortest unsigned form up to 2^32 - 1 and int 64 above", () => {
    const forms: Array<[number, string]> = [
      [0, "00"], [0x7f, "7f"], [0x80, "cc80"], [0xff, "ccff"], [0x100, "cd0100"], [0xffff, "cdffff"],
      [0x1_0000, "ce00010000"], [0xffff_ffff, "ceffffffff"], [2 ** 32, "d30000000100000000"],
      [2 ** 53 - 1, "d3001fffffffffffff"],
    ];
    for (const [n, hex] of forms) expect(ttlBytes(n), String(n)).toBe(hex);
  });

  it("writes bin 8 up to 255 bytes and bin 16 above, and fixstr, str 8 and str 16 by length", () => {
    // STORE: header, then the key (bin 8 of 32: 68 hex digits), then the value.
    const value = (n: number) => toHex(encode({ type: "STORE", rid: 1, sender: idOf(1), key: idOf(2), value: new Uint8Array(n), ttlMs: 1 }))
      .slice(2 + 2 + 2 + 2 + 68 + 68);
    expect(value(0).slice(0, 4)).toBe("c400");
    expect(value(255).slice(0, 4)).toBe("c4ff");
    expect(value(256).slice(0, 6)).toBe("c50100");
    const text = (s: string) => toHex(encode({ type: "ERROR", rid: 1, sender: idOf(1), code: 1, message: s })).slice(2 + 2 + 2 + 2 + 68 + 2);
    expect(text("x".repeat(31)).slice(0, 2)).toBe("bf");
    expect(text("x".repeat(32)).slice(0, 4)).toBe("d920");
    expect(text("x".repeat(256)).slice(0, 6)).toBe("da0100");
  });
});

describe("extensions", () => {
  const sender = idOf(1);
  it("ignores a trailing extension map, even with __proto__ and float entries", () => {
    const ext = new Map<unknown, unknown>([["__proto__", { polluted: true }], ["constructor", 1.5], [7, [1, 2]]]);
    const bytes = msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.PING, 5, sender, ext]);
    expect(decode(bytes)).toEqual({ type: "PING", rid: 5, sender });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("accepts unusual but valid forms: int32 rid, unknown or ill-typed extension values, a contact map", () => {
    const ipv4 = new Uint8Array([127, 0, 0, 1]);
    const cases: Array<[Uint8Array, TestMessage]> = [
      [new Uint8Array([0x94, 0x01, 0x01, 0xd2, 0, 0, 0, 5, ...msgpack.pack(sender)]), { type: "PING", rid: 5, sender }],
      [msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.PING, 5, sender, new Map([[9, 1]])]), { type: "PING", rid: 5, sender }],
      [msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.NODES, 5, sender, [], new Map([[3, new Uint8Array(2)]])]),
        { type: "NODES", rid: 5, sender, contacts: [] }],
      [msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.FIND_NODE, 5, sender, sender, new Map([[6, false]])]),
        { type: "FIND_NODE", rid: 5, sender, target: sender }],
      [msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.STORE, 5, sender, sender, new Uint8Array(1), 1, null, new Map<number, unknown>([[4, 7], [5, -1]])]),
        { type: "STORE", rid: 5, sender, key: sender, value: new Uint8Array(1), ttlMs: 1 }],
      [msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.PONG, 5, sender, new Map([[2, [new Uint8Array(32)]]])]), { type: "PONG", rid: 5, sender }],
      [msgpack.pack([PROTOCOL_VERSION, KademliaMessageType.NODES, 5, sender, [[sender, ipv4, 80, new Map()]]]),
        { type: "NODES", rid: 5, sender, contacts: [{ id: sender, host: "127.0.0.1", port: 80 }] }],
    ];
    for (const [bytes, message] of cases) expect(decode(bytes)).toEqual(message);
  });
});

describe("isRequest / isResponse", () => {
  it("classify every type, odd codes as requests and even codes and ERROR as responses", () => {
    fc.assert(
      fc.property(anyMessage, (m) => {
        const code = codec.spec(m.type)!.code;
        expect(isRequest(m)).toBe(code % 2 === 1 && code !== KademliaMessageType.ERROR);
        expect(isResponse(m)).toBe(!isRequest(m));
      }),
      { numRuns: 300, seed: 1 },
    );
  }, 30_000);

  it("say false for a type the codec does not know", () => {
    const m = { type: "HELLO", rid: 1, sender: idOf(1) };
    expect([isRequest(m), isResponse(m)]).toEqual([false, false]);
  });
});
