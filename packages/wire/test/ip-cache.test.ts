import fc from "fast-check";
import { ipToBytes, isIPv4 } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { ipv4Word } from "../src/ip-cache.js";

/** What `ipv4Word` must return: the reference parser's bytes as a uint32, or -1 where it refuses. */
function reference(host: string): number {
  if (!isIPv4(host)) return -1;
  const b = ipToBytes(host);
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/** Strings near dotted quads: digits, dots and a few other characters, 0 to 16 long. */
const nearQuad = fc.string({ unit: fc.constantFrom("0", "1", "2", "5", "9", ".", ".", ":", "a", " ", "-"), maxLength: 16 });
const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom("00", "01", "007", "0255", "256", ""));
const quadLike = fc.array(octet, { minLength: 3, maxLength: 5 }).map((parts) => parts.join("."));

describe("ipv4Word", () => {
  it("matches core's isIPv4 / ipToBytes on valid and near-valid strings", () => {
    fc.assert(fc.property(fc.oneof(nearQuad, quadLike, fc.ipV4()), (host) => {
      expect(ipv4Word(host)).toBe(reference(host));
    }), { numRuns: 5000, seed: 11 });
  });

  it("reads every valid address, including the extremes", () => {
    expect(ipv4Word("0.0.0.0")).toBe(0);
    expect(ipv4Word("255.255.255.255")).toBe(0xffff_ffff);
    expect(ipv4Word("127.0.0.1")).toBe(0x7f00_0001);
    expect(ipv4Word("10.200.3.45")).toBe(0x0ac8_032d);
  });

  it("refuses leading zeros, big octets, missing or extra parts and IPv6", () => {
    for (const host of ["01.2.3.4", "1.2.3.256", "1.2.3", "1.2.3.4.5", "1..3.4", ".1.2.3", "1.2.3.4.", "::1", "1.2.3.4 ", "1.2.3.-4"]) {
      expect(ipv4Word(host), host).toBe(-1);
    }
  });
});
