import { SocketAddress } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToIp, ipToBytes, isIPv4, isPlexusError } from "../src/index.js";

/** What Node's sockets print for an address (libuv inet_ntop): the reference format. */
function nodeFormat(bytes: Uint8Array): string {
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return new SocketAddress({ address: words.join(":"), family: "ipv6" }).address;
}

/** 16 bytes made of 8 groups, each mostly zero so compression cases come up often. */
const arbV6 = fc
  .array(fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff })), {
    minLength: 8,
    maxLength: 8,
  })
  .map((groups) => {
    const out = new Uint8Array(16);
    groups.forEach((g, i) => {
      out[i * 2] = g >> 8;
      out[i * 2 + 1] = g & 0xff;
    });
    return out;
  });

describe("IPv4", () => {
  it("round-trips bytes -> text -> bytes and text -> bytes -> text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
        const text = bytesToIp(bytes);
        expect(isIPv4(text)).toBe(true);
        expect(ipToBytes(text)).toEqual(bytes);
        expect(bytesToIp(ipToBytes(text))).toBe(text);
      }),
      { seed: 2870, numRuns: 100 },
    );
    expect(ipToBytes("127.0.0.1")).toEqual(new Uint8Array([127, 0, 0, 1]));
    expect(ipToBytes("255.255.255.255")).toEqual(new Uint8Array([255, 255, 255, 255]));
  });
});

describe("IPv6", () => {
  it.each([
    ["::", "::"],
    ["::1", "::1"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["::ffff:1.2.3.4", "::ffff:1.2.3.4"],
    ["::FFFF:0102:0304", "::ffff:1.2.3.4"],
    ["2001:DB8:0:0:0:0:2:1", "2001:db8::2:1"], // RFC 5952 4.3 lower case, 4.2.1 shorten
    ["2001:db8:0000:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // 4.2.2: one zero group is not ::
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"], // 4.2.3: the longest run
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // 4.2.3: the first of equal runs
    ["fe80::0001", "fe80::1"], // 4.1: no leading zeros
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
    ["1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"],
    ["fe80::1%eth0", "fe80::1"],
  ])("parses %j and formats it as %j", (input, formatted) => {
    const bytes = ipToBytes(input);
    expect(bytes).toHaveLength(16);
    expect(bytesToIp(bytes)).toBe(formatted);
    expect(ipToBytes(formatted)).toEqual(bytes);
  });

  it("formats exactly as Node's sockets do, and parses its own output back", () => {
    fc.assert(
      fc.property(fc.oneof(arbV6, fc.uint8Array({ minLength: 16, maxLength: 16 })), (bytes) => {
        const text = bytesToIp(bytes);
        expect(text).toBe(nodeFormat(bytes));
        expect(ipToBytes(text)).toEqual(bytes);
      }),
      { seed: 2871, numRuns: 2000 },
    );
  }, 30_000);

  it("parses the uncompressed form of any address", () => {
    fc.assert(
      fc.property(arbV6, (bytes) => {
        const full = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
        expect(ipToBytes(full.join(":"))).toEqual(bytes);
      }),
      { seed: 2872, numRuns: 100 },
    );
  });
});

describe("rejections", () => {
  it.each([
    "", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-1", " 1.2.3.4",
    ":", ":::", "1::2::3", "12345::", "::g", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7",
    "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1.2.3", "::ffff:256.1.1.1", "1.2.3.4::",
    "[::1]", "::1/128",
  ])("rejects %j with ERR_INVALID_ADDRESS", (bad) => {
    let caught: unknown;
    try {
      ipToBytes(bad);
    } catch (err) {
      caught = err;
    }
    expect(isPlexusError(caught, "ERR_INVALID_ADDRESS")).toBe(true);
  });

  it.each([0, 3, 5, 15, 17])("bytesToIp rejects %i bytes", (n) => {
    expect(() => bytesToIp(new Uint8Array(n))).toThrow(expect.objectContaining({ code: "ERR_INVALID_ADDRESS" }));
  });
});
