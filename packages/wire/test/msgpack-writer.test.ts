import { toHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { binSize, containerHeaderSize, strSize, uintSize } from "../src/codec/msgpack-sizes.js";
import { MsgpackWriter } from "../src/codec/msgpack-writer.js";
import { Packr } from "msgpackr";

/**
 * The fast path's writer: each item as msgpackr packs the value the full path hands it, in
 * the size `msgpack-sizes.ts` gives; a datagram is returned only when it fills the size
 * announced, and belongs to the caller.
 */

const w = new MsgpackWriter();
/** msgpackr with the codec's options (test/full-path.ts builds the same). */
const msgpack = new Packr({ useRecords: false, mapsAsObjects: false, int64AsType: "number" });

/** The hex of `write` into a datagram of `size` bytes, or undefined when it does not fill it. */
function written(size: number, write: () => void): string | undefined {
  w.start(size);
  write();
  const bytes = w.finish();
  return bytes === undefined ? undefined : toHex(bytes);
}

describe("MsgpackWriter items = msgpackr", () => {
  it("writes uints as msgpackr packs them (a bigint above 2^32 - 1), in uintSize bytes", () => {
    const edges = [0, 1, 0x1f, 0x20, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x1_0000, 0xffff_ffff, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1];
    for (const n of edges) {
      expect(written(uintSize(n), () => w.uint(n)), String(n)).toBe(toHex(msgpack.pack(n > 0xffff_ffff ? BigInt(n) : n)));
    }
  });

  it("writes bins of 0, 4, 16, 17, 32, 255, 256 and 1024 bytes as msgpackr does, in binSize bytes", () => {
    for (const n of [0, 4, 16, 17, 32, 255, 256, 1024]) {
      const bin = new Uint8Array(n).fill(n & 0xff);
      expect(written(binSize(n), () => w.bin(bin)), String(n)).toBe(toHex(msgpack.pack(bin)));
    }
    expect(written(binSize(32), () => w.bin(Buffer.alloc(32, 9)))).toBe(toHex(msgpack.pack(new Uint8Array(32).fill(9))));
  });

  it("writes strs as msgpackr does, in strSize bytes", () => {
    for (const s of ["", "a", "x".repeat(31), "x".repeat(32), "x".repeat(255), "x".repeat(256), "é".repeat(128), "😀a€é", "€".repeat(85)]) {
      const length = Buffer.byteLength(s);
      expect(written(strSize(length), () => w.str(s, length)), s.slice(0, 8)).toBe(toHex(msgpack.pack(s)));
    }
  });

  it("writes array and map headers as the prefix msgpackr writes, booleans and nil", () => {
    for (const n of [0, 15, 16, 20, 65_535]) {
      const array = written(containerHeaderSize(n), () => w.arrayHeader(n))!;
      expect(toHex(msgpack.pack(new Array(n).fill(0))).slice(0, array.length)).toBe(array);
      const map = written(containerHeaderSize(n), () => w.mapHeader(n))!;
      expect(toHex(msgpack.pack(new Map(Array.from({ length: n }, (_, i) => [i, 0])))).slice(0, map.length)).toBe(map);
    }
    expect(written(3, () => { w.bool(true); w.bool(false); w.nil(); })).toBe("c3c2c0");
  });

  it("writes addresses as the bins of their bytes", () => {
    expect(written(6, () => w.ipv4(0xc000_0201))).toBe("c404c0000201");
    expect(written(18, () => expect(w.ipv6("2001:db8::1")).toBe(true))).toBe(`c41020010db8${"0".repeat(23)}1`);
  });

  it("writes nothing for an IPv6 literal it does not read", () => {
    expect(written(1, () => {
      expect(w.ipv6("::ffff:1.2.3.4")).toBe(false);
      w.nil();
    })).toBe("c0");
  });
});

describe("MsgpackWriter datagrams", () => {
  it("returns undefined when the items do not fill the size exactly, without throwing", () => {
    expect(written(3, () => w.uint(0x100))).toBe("cd0100");
    expect(written(4, () => w.uint(0x100))).toBeUndefined(); // short
    expect(written(2, () => w.uint(0x100))).toBeUndefined(); // past the end
    expect(written(10, () => w.bin(new Uint8Array(300)))).toBeUndefined(); // a large bin past the end
    expect(written(10, () => w.str("é".repeat(20), 40))).toBeUndefined();
    expect(written(1, () => w.ipv6("1:2:3:4:5:6:7:8"))).toBeUndefined();
  });

  it("hands each datagram over: plain, exactly sized, never written again", () => {
    w.start(1);
    w.uint(1);
    const first = w.finish()!;
    w.start(1);
    w.uint(2);
    const second = w.finish()!;
    expect([toHex(first), toHex(second)]).toEqual(["01", "02"]);
    expect(first.buffer).not.toBe(second.buffer);
    expect(Object.getPrototypeOf(first)).toBe(Uint8Array.prototype);
    expect([first.byteOffset, first.buffer.byteLength]).toEqual([0, 1]);
  });
});
