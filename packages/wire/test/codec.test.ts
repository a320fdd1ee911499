import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decode,
  encode,
  isRequest,
  isResponse,
  MAX_DATAGRAM_BYTES,
  MessageType,
  PROTOCOL_VERSION,
  type Message,
} from "../src/index.js";
import { msgpack } from "../src/codec.js";
import { anyMessage, messageByType } from "./arbitraries.js";
import { coreMessageByType } from "./core-arbitraries.js";
import { idOf, ipv4Contacts, largest } from "./fixtures.js";

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
    });
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

describe("returned bytes", () => {
  it("encode returns a compact plain Uint8Array", () => {
    const bytes = encode({ type: "PING", rid: 1, sender: idOf(1) });
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  it("decoded byte fields are plain copies that never alias the datagram", () => {
    const m: Message = { type: "STORE", rid: 9, sender: idOf(1), key: idOf(2), value: new Uint8Array([1, 2, 3]), ttlMs: 5, publisher: idOf(3) };
    const wire = encode(m);
    const decoded = decode(wire);
    wire.fill(0); // a transport reusing its receive buffer
    expect(decoded).toEqual(m);
    if (decoded.type !== "STORE") throw new Error("type");
    for (const field of [decoded.sender, decoded.key, decoded.value, decoded.publisher!]) {
      expect(Object.getPrototypeOf(field)).toBe(Uint8Array.prototype);
      expect(field.buffer.byteLength).toBe(field.length);
    }
  });

  it("accepts a Buffer and returns plain Uint8Arrays", () => {
    const m: Message = { type: "FIND_NODE", rid: 3, sender: idOf(1), target: idOf(2) };
    const decoded = decode(Buffer.from(encode(m)));
    expect(decoded).toEqual(m);
    if (decoded.type !== "FIND_NODE") throw new Error("type");
    expect(Object.getPrototypeOf(decoded.target)).toBe(Uint8Array.prototype);
  });

  it("decodes a datagram that is a view into a larger buffer", () => {
    const m: Message = { type: "NODES", rid: 3, sender: idOf(1), contacts: ipv4Contacts(3) };
    const wire = encode(m);
    const big = new Uint8Array(wire.length + 20).fill(0xc1);
    big.set(wire, 10);
    expect(decode(big.subarray(10, 10 + wire.length))).toEqual(m);
  });
});

describe("extensions", () => {
  const sender = idOf(1);
  it("ignores a trailing extension map, even with __proto__ and float entries", () => {
    const ext = new Map<unknown, unknown>([["__proto__", { polluted: true }], ["constructor", 1.5], [7, [1, 2]]]);
    const bytes = msgpack.pack([PROTOCOL_VERSION, MessageType.PING, 5, sender, ext]);
    expect(decode(bytes)).toEqual({ type: "PING", rid: 5, sender });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("ignores an extension map after a contact", () => {
    const bytes = msgpack.pack([PROTOCOL_VERSION, MessageType.NODES, 5, sender, [[sender, new Uint8Array([127, 0, 0, 1]), 80, new Map()]]]);
    expect(decode(bytes)).toEqual({ type: "NODES", rid: 5, sender, contacts: [{ id: sender, host: "127.0.0.1", port: 80 }] });
  });
});

describe("isRequest / isResponse", () => {
  it("classify every type, odd codes as requests and even codes and ERROR as responses", () => {
    fc.assert(
      fc.property(anyMessage, (m) => {
        const code = MessageType[m.type];
        expect(isRequest(m)).toBe(code % 2 === 1 && code !== MessageType.ERROR);
        expect(isResponse(m)).toBe(!isRequest(m));
      }),
      { numRuns: 300, seed: 1 },
    );
  });
});

/** Behaviour the removed fast paths' tests pinned, kept for the one remaining codec. */
describe("extensions and unusual forms", () => {
  for (const [type, arb] of Object.entries(coreMessageByType)) {
    it(`round-trips ${type} with every extension, at the encoding edges`, () => {
      fc.assert(
        fc.property(arb, (m) => {
          const bytes = encode(m);
          expect(decode(bytes)).toEqual(m);
          expect(encode(decode(bytes))).toEqual(bytes);
        }),
        { numRuns: 300, seed: 0xdec0 },
      );
    }, 30_000);
  }

  it("returns plain, compact copies for a Buffer or a view into a larger buffer", () => {
    const m: Message = { type: "STORE", rid: 1, sender: idOf(1), key: idOf(2), value: new Uint8Array(300).fill(3), ttlMs: 9, token: idOf(4) };
    const wire = encode(m);
    const big = new Uint8Array(wire.length + 20);
    big.set(wire, 10);
    for (const input of [Buffer.from(wire), big.subarray(10, 10 + wire.length)]) {
      const decoded = decode(input);
      expect(decoded).toEqual(m);
      if (decoded.type !== "STORE") throw new Error("type");
      for (const field of [decoded.sender, decoded.key, decoded.value, decoded.token!]) {
        expect(Object.getPrototypeOf(field)).toBe(Uint8Array.prototype);
        expect(field.buffer.byteLength).toBe(field.length);
      }
    }
  });

  it("accepts int32 rids, unknown or ill-typed extension values and contact maps", () => {
    const sender = idOf(1);
    const cases: Array<[Uint8Array, Message]> = [
      [new Uint8Array([0x94, 0x01, 0x01, 0xd2, 0, 0, 0, 5, ...msgpack.pack(sender)]), { type: "PING", rid: 5, sender }],
      [msgpack.pack([PROTOCOL_VERSION, MessageType.PING, 5, sender, new Map([[9, 1]])]), { type: "PING", rid: 5, sender }],
      [msgpack.pack([PROTOCOL_VERSION, MessageType.NODES, 5, sender, [], new Map([[3, new Uint8Array(2)]])]), { type: "NODES", rid: 5, sender, contacts: [] }],
      [msgpack.pack([PROTOCOL_VERSION, MessageType.FIND_NODE, 5, sender, sender, new Map([[6, false]])]), { type: "FIND_NODE", rid: 5, sender, target: sender }],
    ];
    for (const [bytes, message] of cases) expect(decode(bytes)).toEqual(message);
  });

  it("keeps decoded contacts independent of the datagram and of later datagrams, IPv4 and IPv6 alike", () => {
    const id = idOf(60);
    const contacts = [{ id, host: "127.0.0.1", port: 5 }, { id, host: "7f00:1::", port: 5 }, { id, host: "7f00:1::1", port: 6 }];
    const wire = encode({ type: "NODES", rid: 7, sender: id, contacts });
    const m = decode(wire);
    wire.fill(0xff);
    decode(encode({ type: "NODES", rid: 7, sender: idOf(61), contacts: [{ id: idOf(61), host: "127.0.0.6", port: 11 }] }));
    expect(m).toEqual({ type: "NODES", rid: 7, sender: id, contacts });
  });
});
