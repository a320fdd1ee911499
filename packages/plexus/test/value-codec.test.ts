import { describe, expect, it } from "vitest";
import { isPlexusError } from "@plexus/core";
import { ValueKind, decodeValue, encodeValue } from "../src/index.js";

describe("encodeValue / decodeValue", () => {
  it("round-trips strings as strings, with a STRING kind byte and UTF-8", () => {
    const encoded = encodeValue("héllo ✓");
    expect(encoded[0]).toBe(ValueKind.STRING);
    expect(new TextDecoder().decode(encoded.subarray(1))).toBe("héllo ✓");
    expect(decodeValue(encoded)).toBe("héllo ✓");
    expect(decodeValue(encodeValue(""))).toBe("");
  });

  it("round-trips bytes as a plain Uint8Array (Buffers too)", () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const encoded = encodeValue(bytes);
    expect(encoded[0]).toBe(ValueKind.BYTES);
    expect(encoded.length).toBe(5);
    const back = decodeValue(encoded);
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(back)).toBe(false);
    expect(back).toEqual(bytes);
    expect(decodeValue(encodeValue(Buffer.from("abc")))).toEqual(new Uint8Array([97, 98, 99]));
  });

  it("round-trips msgpack-able values: objects, arrays, numbers, booleans, null", () => {
    for (const value of [{ a: 1, b: [true, null, "x"], c: { d: 1.5 } }, [1, 2, 3], 42, -7.25, true, false, null]) {
      const encoded = encodeValue(value);
      expect(encoded[0]).toBe(ValueKind.MSGPACK);
      expect(decodeValue(encoded)).toEqual(value);
    }
  });

  it("rejects undefined, functions and symbols with ERR_INVALID_ARGUMENT", () => {
    for (const value of [undefined, () => 1, Symbol("s")]) {
      let caught: unknown;
      try {
        encodeValue(value);
      } catch (error) {
        caught = error;
      }
      expect(isPlexusError(caught, "ERR_INVALID_ARGUMENT")).toBe(true);
    }
  });

  it("gives foreign bytes back raw instead of throwing", () => {
    expect(decodeValue(new Uint8Array())).toEqual(new Uint8Array());
    expect(decodeValue(new Uint8Array([0x7e, 1, 2]))).toEqual(new Uint8Array([0x7e, 1, 2]));
    expect(decodeValue(new Uint8Array([ValueKind.STRING, 0xff, 0xfe]))).toEqual(new Uint8Array([ValueKind.STRING, 0xff, 0xfe]));
    expect(decodeValue(new Uint8Array([ValueKind.MSGPACK, 0x92, 1]))).toEqual(new Uint8Array([ValueKind.MSGPACK, 0x92, 1]));
    expect(decodeValue(new Uint8Array([ValueKind.MSGPACK, 1, 2]))).toEqual(new Uint8Array([ValueKind.MSGPACK, 1, 2]));
    expect(decodeValue(new Uint8Array([ValueKind.MSGPACK]))).toEqual(new Uint8Array([ValueKind.MSGPACK]));
  });
});
