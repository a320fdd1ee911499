import fc from "fast-check";
import { bytesEqual, toHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { encode, encodeShared, MAX_ERROR_MESSAGE_BYTES, WireEncodeError, type Message } from "../src/index.js";
import { msgpack } from "../src/codec.js";
import { encodeWithMsgpackr } from "../src/encode.js";
import { fastEncode } from "../src/fast-encode.js";
import { MsgpackWriter } from "../src/msgpack-writer.js";
import { anyMessage } from "./arbitraries.js";
import { anyCoreMessage, coreMessageByType } from "./core-arbitraries.js";
import { largest } from "./fixtures.js";

/**
 * Differential tests of the hand-written encoder against msgpackr (the reference path):
 * byte-identical output for every valid core message, and for anything the reference
 * refuses, the fast path steps aside so `encode` throws exactly the reference's error.
 */

type Outcome = { bytes: Uint8Array } | { code: string; message: string } | { thrown: unknown };

function outcome(run: () => Uint8Array): Outcome {
  try {
    return { bytes: run() };
  } catch (error) {
    if (error instanceof WireEncodeError) return { code: error.code, message: error.message };
    return { thrown: error };
  }
}

describe("MsgpackWriter", () => {
  const w = new MsgpackWriter();
  const written = (write: () => void): string => {
    w.reset();
    write();
    return toHex(w.finish());
  };

  it("writes uints as msgpackr packs them (bigint above 2^32 - 1)", () => {
    const edges = [0, 1, 0x1f, 0x20, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x1_0000, 0xffff_ffff, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1];
    for (const n of edges) {
      expect(written(() => w.uint(n)), String(n)).toBe(toHex(msgpack.pack(n > 0xffff_ffff ? BigInt(n) : n)));
    }
  });

  it("writes bins of 0, 32, 255, 256 and 1024 bytes as msgpackr does", () => {
    for (const n of [0, 32, 255, 256, 1024]) {
      const bin = new Uint8Array(n).fill(n & 0xff);
      expect(written(() => w.bin(bin))).toBe(toHex(msgpack.pack(bin)));
    }
    expect(written(() => w.id32(new Uint8Array(32).fill(9)))).toBe(toHex(msgpack.pack(new Uint8Array(32).fill(9))));
  });

  it("writes strs, headers, booleans and nil as msgpackr does", () => {
    for (const s of ["", "a", "x".repeat(31), "x".repeat(32), "x".repeat(255), "é".repeat(128), "😀a€é", "€".repeat(85)]) {
      expect(written(() => w.str(s, Buffer.byteLength(s)))).toBe(toHex(msgpack.pack(s)));
    }
    for (const n of [0, 15, 16, 20, 65_535]) {
      // The header is a prefix of the whole container msgpackr packs.
      const array = written(() => w.arrayHeader(n));
      expect(toHex(msgpack.pack(new Array(n).fill(0))).slice(0, array.length)).toBe(array);
      const map = written(() => w.mapHeader(n));
      expect(toHex(msgpack.pack(new Map(Array.from({ length: n }, (_, i) => [i, 0])))).slice(0, map.length)).toBe(map);
    }
    expect(written(() => { w.bool(true); w.bool(false); w.nil(); })).toBe("c3c2c0");
  });
});

describe("fast encoder = msgpackr", () => {
  for (const [type, arb] of Object.entries(coreMessageByType)) {
    it(`writes the reference bytes for 1,000 random ${type} messages`, () => {
      fc.assert(
        fc.property(arb, (m) => {
          const fast = fastEncode(m);
          const reference = encodeWithMsgpackr(m);
          expect(fast, "the fast path must take every valid core message").toBeDefined();
          if (!bytesEqual(fast!, reference)) expect(toHex(fast!)).toBe(toHex(reference));
          expect(bytesEqual(encode(m), reference)).toBe(true);
        }),
        { numRuns: 1_000, seed: 0xfa57 },
      );
    });
  }

  it("writes the reference bytes for the largest messages and steps aside for realtime types", () => {
    for (const m of Object.values(largest)) expect(toHex(fastEncode(m)!)).toBe(toHex(encodeWithMsgpackr(m)));
    for (const m of fc.sample(anyMessage, { numRuns: 500, seed: 7 })) {
      expect(toHex(encode(m))).toBe(toHex(encodeWithMsgpackr(m)));
    }
  });

  it("returns a compact plain Uint8Array that does not share the scratch buffer", () => {
    const m: Message = { type: "FIND_NODE", rid: 1, sender: new Uint8Array(32), target: new Uint8Array(32).fill(1) };
    const a = fastEncode(m)!;
    const b = fastEncode({ ...m, rid: 2 })!;
    expect(a).not.toEqual(b);
    expect(Object.getPrototypeOf(a)).toBe(Uint8Array.prototype);
    expect([a.byteOffset, a.buffer.byteLength]).toEqual([0, a.length]);
  });
});

/** Values that break one field or another: wrong type, size, range or sign. */
const junk: unknown[] = [
  undefined, null, -1, -0, 1.5, NaN, Infinity, 2 ** 32, 2 ** 53, "x", "é\ud800", true, false, {}, [], [1],
  new Uint8Array(0), new Uint8Array(3), new Uint8Array(15), new Uint8Array(16), new Uint8Array(31), new Uint8Array(32),
  new Uint8Array(33), new Uint8Array(64), new Uint8Array(1025), Buffer.alloc(32, 1), Buffer.alloc(16, 2), new Uint16Array(16),
  "localhost", "1.2.3", "::1", 65_536, 3, 0, 256, 257, 0xffff_ffff, "x".repeat(MAX_ERROR_MESSAGE_BYTES + 1),
  { publicKey: new Uint8Array(32), signature: new Uint8Array(64) }, { publicKey: new Uint8Array(31), signature: new Uint8Array(64) },
];
const FIELDS = ["type", "rid", "sender", "target", "key", "value", "ttlMs", "publisher", "token", "kind", "cas", "nonce",
  "proof", "wantToken", "contacts", "id", "origin", "depth", "data", "code", "message"];

/** `m` with one field (or one contact field) replaced by junk. */
const corrupted = fc
  .tuple(anyCoreMessage, fc.constantFrom(...FIELDS, "contact.id", "contact.host", "contact.port", "contact"), fc.constantFrom(...junk))
  .map(([m, field, value]) => {
    const out: Record<string, unknown> = { ...m };
    if (field.startsWith("contact") && m.type === "NODES" && m.contacts.length > 0) {
      const list: unknown[] = [...m.contacts];
      list[list.length - 1] = field === "contact" ? value : { ...m.contacts[0], [field.slice(8)]: value };
      out.contacts = list;
    } else {
      out[field] = value;
    }
    return out as unknown as Message;
  });

describe("fast encoder on invalid messages", () => {
  it("never throws, and encode() gives the reference's bytes or its exact error (5,000 corrupted messages)", () => {
    fc.assert(
      fc.property(corrupted, (m) => {
        let fast: Uint8Array | undefined;
        expect(() => (fast = fastEncode(m))).not.toThrow();
        const reference = outcome(() => encodeWithMsgpackr(m));
        if ("bytes" in reference) {
          if (fast !== undefined) expect(toHex(fast)).toBe(toHex(reference.bytes));
        } else {
          expect(fast).toBeUndefined();
        }
        const actual = outcome(() => encode(m));
        if ("bytes" in reference && "bytes" in actual) expect(toHex(actual.bytes)).toBe(toHex(reference.bytes));
        else expect(actual).toEqual(reference);
      }),
      { numRuns: 5_000, seed: 0xbad },
    );
  });
});

describe("encodeShared", () => {
  it("writes the bytes encode writes, for every message type, and the same errors", () => {
    fc.assert(fc.property(anyMessage, (message) => {
      let owned: Uint8Array | undefined, ownedError: unknown;
      try { owned = encode(message); } catch (err) { ownedError = err; }
      let shared: Uint8Array | undefined, sharedError: unknown;
      try { shared = encodeShared(message); } catch (err) { sharedError = err; }
      if (owned === undefined) {
        expect((sharedError as WireEncodeError).code).toBe((ownedError as WireEncodeError).code);
      } else {
        expect(toHex(shared!)).toBe(toHex(owned));
      }
    }), { numRuns: 1000 });
  });

  it("returns a view the next call overwrites, where encode returns buffers of their own", () => {
    const sender = new Uint8Array(32).fill(1);
    const a = { type: "PING", rid: 1, sender } as const;
    const b = { type: "PING", rid: 2, sender } as const;
    const ownedA = encode(a);
    const sharedA = encodeShared(a);
    const before = toHex(sharedA);
    encode(b); // encode writes the same scratch before copying out
    expect(toHex(ownedA)).toBe(before);
    expect(toHex(sharedA)).not.toBe(before);
    expect(sharedA.buffer).not.toBe(ownedA.buffer);
  });
});
