import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesEqual, compareBytes, concatBytes, fromHex, fromUtf8, toHex, utf8 } from "../src/index.js";

describe("hex", () => {
  it("round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const hex = toHex(bytes);
        expect(hex).toMatch(/^[0-9a-f]*$/);
        expect(hex).toHaveLength(bytes.length * 2);
        expect(fromHex(hex)).toEqual(bytes);
        expect(fromHex(hex.toUpperCase())).toEqual(bytes);
      }),
      { seed: 4472, numRuns: 100 },
    );
  });

  it("matches known vectors", () => {
    expect(toHex(new Uint8Array([0, 1, 0x7f, 0x80, 0xff]))).toBe("00017f80ff");
    expect(fromHex("")).toEqual(new Uint8Array(0));
    expect(fromHex("DEADbeef")).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
  });

  it.each(["0", "abc", "zz", "0x00", "00 ", " 00", "+1", "-1"])("rejects %j", (bad) => {
    expect(() => fromHex(bad)).toThrow(TypeError);
  });
});

describe("bytesEqual / compareBytes", () => {
  it("compareBytes is lexicographic order, as on number arrays", () => {
    const lexical = (a: Uint8Array, b: Uint8Array): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        expect(Math.sign(compareBytes(a, b))).toBe(Math.sign(lexical(a, b)));
        expect(Math.sign(compareBytes(a, b)) + Math.sign(compareBytes(b, a))).toBe(0);
        expect(compareBytes(a, b) === 0).toBe(bytesEqual(a, b));
      }),
      { seed: 4473, numRuns: 100 },
    );
  });

  it("bytesEqual sees length and content", () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBeLessThan(0);
  });
});

describe("concatBytes", () => {
  it("concatenates in order", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 10 }), { maxLength: 5 }), (parts) => {
        const joined = concatBytes(...parts);
        expect([...joined]).toEqual(parts.flatMap((p) => [...p]));
      }),
      { seed: 4474, numRuns: 100 },
    );
  });
});

describe("utf8", () => {
  it("round-trips any well-formed string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(fromUtf8(utf8(text))).toBe(text);
      }),
      { seed: 4475, numRuns: 100 },
    );
  });

  it("rejects invalid UTF-8", () => {
    expect(() => fromUtf8(new Uint8Array([0xff]))).toThrow(TypeError);
    expect(() => fromUtf8(new Uint8Array([0xc3]))).toThrow(TypeError);
    expect(utf8("é")).toEqual(new Uint8Array([0xc3, 0xa9]));
  });
});
