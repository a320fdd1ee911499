import fc from "fast-check";
import { bytesToIp, ipToBytes, isIPv4, toHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { ipv4TextAt, ipv4Word, ipv6TextAt, parseIpv6Into } from "../src/fields/ip-text.js";

/**
 * The in-place IP readers and writers of the fast path against `ipToBytes` / `bytesToIp`
 * of `@plexus/core`: the formatters agree on every address; a parser that accepts a string
 * gives the bytes `ipToBytes` gives, and accepts every canonical literal.
 */

/** `ipToBytes` as hex, or undefined when it refuses `host`. */
function coreBytes(host: string): string | undefined {
  try {
    return toHex(ipToBytes(host));
  } catch {
    return undefined;
  }
}

function parsedV6(host: string): string | undefined {
  const out = new Uint8Array(20).fill(0xee);
  if (!parseIpv6Into(host, out, 2)) return undefined;
  expect([out[0], out[1], out[18], out[19]], "writes only its 16 bytes").toEqual([0xee, 0xee, 0xee, 0xee]);
  return toHex(out.subarray(2, 18));
}

/** Strings near IP literals: hex digits, digits, colons, dots and a few others. */
const nearIp = fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF:::...%xg "), maxLength: 45 });

const v4 = fc.uint8Array({ minLength: 4, maxLength: 4 });
/** 16 bytes, biased to runs of zero groups and to the IPv4-mapped and -compatible prefixes. */
const v6 = fc.oneof(
  fc.uint8Array({ minLength: 16, maxLength: 16 }),
  fc.array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0xabc), { minLength: 8, maxLength: 8 }).map((groups) => {
    const out = new Uint8Array(16);
    groups.forEach((g, i) => out.set([g >> 8, g & 0xff], i * 2));
    return out;
  }),
  v4.map((tail) => new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...tail])),
  v4.map((tail) => new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...tail])),
);

describe("ipv4Word", () => {
  it("accepts exactly the strings isIPv4 accepts, with their bytes", () => {
    fc.assert(fc.property(fc.oneof(nearIp, v4.map(bytesToIp)), (host) => {
      const word = ipv4Word(host);
      expect(word !== -1, host).toBe(isIPv4(host));
      if (word !== -1) expect(word.toString(16).padStart(8, "0")).toBe(coreBytes(host));
    }), { numRuns: 20_000, seed: 0x1f4 });
    for (const host of ["0.0.0.0", "255.255.255.255", "1.2.3.4"]) expect(ipv4Word(host), host).not.toBe(-1);
    for (const host of ["01.2.3.4", "256.1.1.1", "1.2.3", "1.2.3.4.", ".1.2.3", "1..2.3", "1.2.3.4 ", "1.2.3.1000", "١.2.3.4"]) {
      expect(ipv4Word(host), host).toBe(-1);
    }
  });
});

describe("parseIpv6Into", () => {
  it("gives the bytes of ipToBytes whenever it accepts, and accepts every canonical text", () => {
    fc.assert(fc.property(fc.oneof(nearIp, v6.map(bytesToIp)), (host) => {
      const parsed = parsedV6(host);
      if (parsed !== undefined) expect(parsed, host).toBe(coreBytes(host));
    }), { numRuns: 20_000, seed: 0x1f6 });
    fc.assert(fc.property(v6, (bytes) => {
      const host = bytesToIp(bytes);
      if (!host.includes(".")) expect(parsedV6(host), host).toBe(toHex(bytes));
    }), { numRuns: 5_000, seed: 0x1f7 });
  });

  it("reads the forms of RFC 4291 section 2.2 without a dotted quad, and nothing else", () => {
    const accepted = ["::", "::1", "1::", "1::2", "2001:DB8::8:800:200C:417A", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "0:0:0:0:0:0:0:0"];
    for (const host of accepted) expect(parsedV6(host), host).toBe(coreBytes(host));
    const refused = [":", ":::", ":1::", "1:", "1::2:", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "g::", "::ffff:1.2.3.4", "fe80::1%eth0", ""];
    for (const host of refused) expect(parsedV6(host), host).toBeUndefined();
  });
});

describe("ipv4TextAt and ipv6TextAt", () => {
  it("write what bytesToIp writes, at any offset", () => {
    fc.assert(fc.property(v4, fc.nat({ max: 8 }), (bytes, at) => {
      const b = new Uint8Array(at + 4);
      b.set(bytes, at);
      expect(ipv4TextAt(b, at)).toBe(bytesToIp(bytes));
    }), { numRuns: 2_000, seed: 0x1f8 });
    fc.assert(fc.property(v6, fc.nat({ max: 8 }), (bytes, at) => {
      const b = new Uint8Array(at + 16);
      b.set(bytes, at);
      expect(ipv6TextAt(b, at)).toBe(bytesToIp(bytes));
    }), { numRuns: 20_000, seed: 0x1f9 });
  });
});
