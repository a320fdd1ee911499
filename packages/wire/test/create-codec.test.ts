import { isPlexusError, toHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import {
  createCodec,
  ExtensionKey,
  extensionBytes,
  inBytes,
  inUint,
  outBytes,
  outSafeUint,
  outUint,
  WireDecodeError,
  WireEncodeError,
  type MessageHeader,
  type MessageSpec,
  type WireMessage,
} from "../src/index.js";
import { idOf, msgpack } from "./fixtures.js";

/** createCodec: the registry of message types, and a type added from outside wire. */

/** A type a layer might add: `[1, 0x41, rid, sender, topic, count]`, extension key 1 = a 16-byte tag. */
interface CountMessage extends MessageHeader {
  readonly type: "COUNT";
  readonly topic: Uint8Array;
  readonly count: number;
  readonly tag?: Uint8Array;
}
const countSpec: MessageSpec<CountMessage> = {
  type: "COUNT",
  code: 0x41,
  kind: "request",
  fieldCount: 2,
  encodeFields: (m) => [outBytes(m.topic, 32, "topic"), outSafeUint(m.count, "count")],
  encodeExtensions: (m) => (m.tag === undefined ? undefined : new Map([[ExtensionKey.NONCE, outBytes(m.tag, 16, "tag")]])),
  decodeFields(f, h, ext) {
    const m: CountMessage = { type: "COUNT", rid: h.rid, sender: h.sender, topic: inBytes(f[0], 32, "topic", h), count: inUint(f[1], Number.MAX_SAFE_INTEGER, "count", h) };
    const tag = ext === undefined ? undefined : extensionBytes(ext, ExtensionKey.NONCE, 16);
    return tag === undefined ? m : { ...m, tag };
  },
};
/** `countSpec` with some fields replaced. */
const variant = (patch: Partial<Record<keyof MessageSpec, unknown>>): MessageSpec => ({ ...countSpec, ...patch }) as MessageSpec;

const sender = idOf(1);

describe("createCodec", () => {
  it("knows the Kademlia types and nothing else by default", () => {
    const codec = createCodec();
    expect(codec.types).toEqual(["PING", "PONG", "FIND_NODE", "NODES", "FIND_VALUE", "VALUE", "STORE", "STORED", "BROADCAST", "ACK", "ERROR"]);
    expect(codec.spec("ERROR")).toMatchObject({ type: "ERROR", code: 0x7f, kind: "response", fieldCount: 2 });
    for (const name of ["SUBSCRIBE", "toString", "__proto__", ""]) expect(codec.spec(name)).toBeUndefined();
    const count = { type: "COUNT", rid: 1, sender, topic: idOf(2), count: 1 } as unknown as Parameters<typeof codec.encode>[0];
    expect(() => codec.encode(count)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }) as Error);
    // A layer's datagram is an unknown type to it, with the header kept for an UNSUPPORTED reply.
    const layer = createCodec({ messages: [countSpec] }).encode({ type: "COUNT", rid: 3, sender, topic: idOf(2), count: 1 });
    expect(codec.tryDecode(layer)).toMatchObject({ ok: false, error: { code: "ERR_WIRE_UNKNOWN_TYPE", header: { rid: 3, typeCode: 0x41 } } });
  });

  it("adds a type from outside wire: fields, a uint above 2^32 and an extension round-trip", () => {
    const codec = createCodec({ messages: [countSpec] });
    expect(codec.types.at(-1)).toBe("COUNT");
    expect(codec.spec("COUNT")).toBe(countSpec);
    const m: CountMessage = { type: "COUNT", rid: 9, sender, topic: idOf(2), count: 2 ** 40, tag: new Uint8Array(16).fill(5) };
    const bytes = codec.encode(m);
    expect(toHex(bytes)).toBe(toHex(msgpack.pack([1, 0x41, 9, sender, idOf(2), BigInt(2 ** 40), new Map([[1, m.tag]])])));
    expect(codec.decode(bytes)).toEqual(m);
    expect(codec.decode(codec.encode({ type: "COUNT", rid: 1, sender, topic: idOf(2), count: 3 }))).toEqual({ type: "COUNT", rid: 1, sender, topic: idOf(2), count: 3 });
    expect([codec.isRequest(m), codec.isResponse(m)]).toEqual([true, false]);
    // Its field errors carry the header; its field count is enforced by the codec.
    expect(codec.tryDecode(msgpack.pack([1, 0x41, 9, sender, idOf(2), -1]))).toMatchObject({ ok: false, error: { code: "ERR_WIRE_BAD_FIELD", header: { rid: 9 } } });
    expect(codec.tryDecode(msgpack.pack([1, 0x41, 9, sender, idOf(2)]))).toMatchObject({ ok: false, error: { code: "ERR_WIRE_BAD_ENVELOPE" } });
    expect(() => codec.encode({ ...m, count: -1 })).toThrow(WireEncodeError);
  });

  it("types the codec by its specs (M inferred from several specs)", () => {
    const done: MessageSpec<MessageHeader & { readonly type: "DONE" }> = {
      type: "DONE", code: 0x42, kind: "response", fieldCount: 0, encodeFields: () => [],
      decodeFields: (_f, h) => ({ type: "DONE", rid: h.rid, sender: h.sender }),
    };
    const codec = createCodec({ messages: [countSpec, done] });
    const decoded = codec.decode(codec.encode({ type: "COUNT", rid: 1, sender, topic: idOf(2), count: 1 }));
    if (decoded.type === "COUNT") expect(decoded.count).toBe(1);
    else throw new Error(decoded.type);
  });

  it("keeps codecs independent: each has its own types and state", () => {
    const a = createCodec({ messages: [countSpec] });
    const other = variant({ type: "OTHER", decodeFields: (_f: unknown, h: WireMessage) => ({ type: "OTHER", rid: h.rid, sender: h.sender }) });
    const b = createCodec({ messages: [other] });
    expect([a.types.includes("OTHER"), b.types.includes("COUNT")]).toEqual([false, false]);
    const bytes = a.encode({ type: "COUNT", rid: 1, sender, topic: idOf(2), count: 1 });
    expect(b.decode(bytes)).toEqual({ type: "OTHER", rid: 1, sender });
    expect(createCodec().tryDecode(bytes)).toMatchObject({ ok: false, error: { code: "ERR_WIRE_UNKNOWN_TYPE" } });
    // Interleaved use gives the bytes each codec gives alone.
    const ping = { type: "PING", rid: 2, sender } as const;
    expect(toHex(b.encode(ping as never))).toBe(toHex(a.encode(ping)));
  });

  const refused: Array<[string, readonly MessageSpec[]]> = [
    ["a Kademlia type name", [variant({ type: "PING" })]],
    ["a Kademlia code", [variant({ code: 0x03 })]],
    ["ERROR's code 0x7f", [variant({ code: 0x7f })]],
    ["code 0", [variant({ code: 0 })]],
    ["code 0x80", [variant({ code: 0x80 })]],
    ["a fractional code", [variant({ code: 0x41 + 0.5 })]],
    ["a code as a string", [variant({ code: "65" })]],
    ["an even code for a request", [variant({ code: 0x42 })]],
    ["an odd code for a response", [variant({ kind: "response" })]],
    ["another kind", [variant({ kind: "notification" })]],
    ["an empty name", [variant({ type: "" })]],
    ["a negative field count", [variant({ fieldCount: -1 })]],
    ["no decodeFields", [variant({ decodeFields: undefined })]],
    ["the same name twice", [countSpec, variant({ code: 0x43 })]],
    ["the same code twice", [countSpec, variant({ type: "OTHER" })]],
    ["the same spec twice", [countSpec, countSpec]],
  ];
  for (const [name, messages] of refused) {
    it(`refuses ${name} with ERR_INVALID_ARGUMENT`, () => {
      let caught: unknown;
      try {
        createCodec({ messages });
      } catch (error) {
        caught = error;
      }
      expect(isPlexusError(caught, "ERR_INVALID_ARGUMENT")).toBe(true);
    });
  }

  it("throws only WireEncodeError / WireDecodeError when a spec throws something else", () => {
    const buggy = variant({
      encodeFields: () => { throw new TypeError("bug"); },
      decodeFields: () => { throw new RangeError("bug"); },
    });
    const codec = createCodec({ messages: [buggy] });
    const m = { type: "COUNT", rid: 1, sender } as WireMessage;
    expect(() => codec.encode(m)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT", cause: expect.any(TypeError) }) as Error);
    const result = codec.tryDecode(msgpack.pack([1, 0x41, 4, sender, idOf(2), 1]));
    expect(result).toMatchObject({ ok: false, error: { code: "ERR_WIRE_MALFORMED", header: { rid: 4 } } });
    expect(!result.ok && result.error.cause).toBeInstanceOf(RangeError);
    expect(() => codec.decode(msgpack.pack([1, 0x41, 4, sender, idOf(2), 1]))).toThrow(WireDecodeError);
    const short = createCodec({ messages: [variant({ encodeFields: () => [idOf(2)] })] });
    expect(() => short.encode(m)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }) as Error);
  });

  it("sends no extension map for an empty one", () => {
    const codec = createCodec({ messages: [variant({ encodeExtensions: () => new Map() })] });
    const bytes = codec.encode({ type: "COUNT", rid: 1, sender, topic: idOf(2), count: 1 } as WireMessage);
    expect(toHex(bytes)).toBe(toHex(msgpack.pack([1, 0x41, 1, sender, idOf(2), 1])));
  });

  it("validates with the exported field validators as the built-in types do", () => {
    expect(() => outUint(256, 255, "hops")).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT", message: "hops must be an integer in 0..255" }) as Error);
    const h = { version: 1, typeCode: 0x41, rid: 1, sender };
    expect(() => inBytes(new Uint8Array(3), 32, "topic", h)).toThrow(expect.objectContaining({ code: "ERR_WIRE_BAD_FIELD", header: h }) as Error);
  });
});
