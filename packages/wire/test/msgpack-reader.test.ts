import { fromHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { MsgpackReader, READ_FAILED } from "../src/codec/msgpack-reader.js";

/**
 * The fast path's reader: the forms it accepts, where it stops (the end of the datagram,
 * bounds, other forms), and that what it returns never aliases the datagram.
 */

const r = new MsgpackReader();

/** `read` over the datagram `hex`, and whether every byte was consumed. */
function reading<T>(hex: string, read: () => T): [T, boolean] {
  r.start(fromHex(hex));
  const value = read();
  return [value, r.finish()];
}

describe("MsgpackReader.uint", () => {
  it("reads every unsigned form up to max, as msgpackr unpacks it", () => {
    const cases: Array<[string, number]> = [
      ["00", 0], ["7f", 127], ["cc80", 128], ["ccff", 255], ["cd0100", 256], ["cdffff", 65_535], ["ce00010000", 65_536],
      ["ceffffffff", 0xffff_ffff], ["cf0000000100000000", 2 ** 32], ["d3001fffffffffffff", Number.MAX_SAFE_INTEGER],
      ["cf0000000000000005", 5], // a long form of a small number: msgpackr reads 5 too
    ];
    for (const [hex, n] of cases) expect(reading(hex, () => r.uint(Number.MAX_SAFE_INTEGER)), hex).toEqual([n, true]);
  });

  it("refuses what is above max, unsafe, negative, signed or truncated", () => {
    for (const hex of ["cd0100", "ce00010000"]) expect(reading(hex, () => r.uint(255))[0], hex).toBe(READ_FAILED);
    for (const hex of ["cf0020000000000000", "d3ffffffffffffffff", "d0ff", "d200000001", "e0", "ca3f800000", "c0", "cc", "cd01", "ce000000", "cf00000000000000", ""]) {
      expect(reading(hex, () => r.uint(Number.MAX_SAFE_INTEGER))[0], hex).toBe(READ_FAILED);
    }
  });
});

describe("MsgpackReader containers and one-byte items", () => {
  it("reads fixarray and array 16 headers, fixmap headers only", () => {
    expect(reading("93", () => r.arrayHeader())).toEqual([3, true]);
    expect(reading("dc0014", () => r.arrayHeader())).toEqual([20, true]);
    expect(reading("dc00", () => r.arrayHeader())[0]).toBe(READ_FAILED);
    expect(reading("dd00000014", () => r.arrayHeader())[0]).toBe(READ_FAILED);
    expect(reading("82", () => r.fixmapHeader())).toEqual([2, true]);
    expect(reading("de0002", () => r.fixmapHeader())[0]).toBe(READ_FAILED);
    expect(reading("", () => r.fixmapHeader())[0]).toBe(READ_FAILED);
  });

  it("skips a given byte only", () => {
    expect(reading("c3", () => [r.skip(0xc2), r.skip(0xc3), r.skip(0xc3)])).toEqual([[false, true, false], true]);
  });
});

describe("MsgpackReader bins and addresses", () => {
  it("reads a bin 8 of exactly the length asked", () => {
    expect(reading("c403010203", () => r.fixedBin(3))).toEqual([new Uint8Array([1, 2, 3]), true]);
    for (const hex of ["c4", "c402010203", "c5000301020304", "c4030102"]) expect(reading(hex, () => r.fixedBin(3))[0], hex).toBeUndefined();
  });

  it("reads a bin 8 or bin 16 within bounds", () => {
    expect(reading("c400", () => r.boundedBin(0, 4))).toEqual([new Uint8Array(0), true]);
    expect(reading(`c50100${"ab".repeat(256)}`, () => r.boundedBin(0, 1024))[0]).toEqual(new Uint8Array(256).fill(0xab));
    for (const hex of ["c401ff", `c50100${"ab".repeat(255)}`, "c60000000100", "c5", "a1ff"]) {
      expect(reading(hex, () => r.boundedBin(2, 1024))[0], hex).toBeUndefined();
    }
  });

  it("reads a 4- or 16-byte address as text, as bytesToIp writes it", () => {
    expect(reading("c404c0000201", () => r.ipText())).toEqual(["192.0.2.1", true]);
    expect(reading(`c41020010db8${"0".repeat(23)}1`, () => r.ipText())).toEqual(["2001:db8::1", true]);
    for (const hex of ["c403010203", "c405c000020101", "c404c00002", "a4c0000201"]) expect(reading(hex, () => r.ipText())[0], hex).toBeUndefined();
  });

  it("copies out of a Buffer or a view: plain, compact, unaffected when the datagram is reused", () => {
    const datagram = fromHex("ffc403010203");
    for (const input of [Buffer.from(datagram), datagram.subarray(1)]) {
      r.start(input.subarray(input.length - 5));
      const bin = r.fixedBin(3)!;
      expect(r.finish()).toBe(true);
      input.fill(0);
      expect(bin).toEqual(new Uint8Array([1, 2, 3]));
      expect(Object.getPrototypeOf(bin)).toBe(Uint8Array.prototype);
      expect([bin.byteOffset, bin.buffer.byteLength]).toEqual([0, 3]);
    }
  });
});

describe("MsgpackReader.finish", () => {
  it("is true only when every byte was read, and starts the next datagram afresh", () => {
    expect(reading("0102", () => r.uint(255))).toEqual([1, false]);
    expect(reading("01", () => r.uint(255))).toEqual([1, true]);
    // After finish the reader holds nothing: reads fail until the next start.
    expect([r.skip(0), r.uint(255), r.fixedBin(0)]).toEqual([false, READ_FAILED, undefined]);
  });
});
