import { describe, expect, it } from "vitest";
import { BOUND_ID_BITS, bindId, boundIdCrc, crc32c, fromHex, idAllowedAt, ipToBytes, isIdBoundTo, needsBoundId, toHex } from "../src/index.js";

describe("address-bound ids (docs/protocol.md 10.9)", () => {
  it("CRC-32C is the Castagnoli CRC (RFC 3720 check value)", () => {
    expect(crc32c(new TextEncoder().encode("123456789"))).toBe(0xe3069283);
  });

  // BEP 42's own table: ip, rand (r = rand & 7), the id's first 3 bytes (of which 21 bits are bound).
  const bep42: [string, number, string][] = [
    ["124.31.75.21", 1, "5fbfbf"], ["21.75.31.124", 86, "5a3ce9"], ["65.23.51.170", 22, "a5d432"],
    ["84.124.73.14", 65, "1b0321"], ["43.213.53.83", 90, "e56f6c"],
  ];
  it.each(bep42)("BEP 42 vector %s r=%i: prefix %s", (ip, rand, prefix) => {
    const crc = boundIdCrc(ipToBytes(ip), rand & 7);
    const want = parseInt(prefix, 16);
    expect((crc >>> 11) & 0x1fffff).toBe(want >>> 3); // the top 21 bits
  });

  it("binds the top 21 bits to the address and keeps the other 235", () => {
    const id = new Uint8Array(32).fill(0xab);
    const bound = bindId(id, "198.18.3.7");
    expect(bound).not.toBe(id);
    expect(isIdBoundTo(bound, "198.18.3.7")).toBe(true);
    expect(isIdBoundTo(id, "198.18.3.7")).toBe(false);
    expect(bound[2]! & 7).toBe(0xab & 7);
    expect(bound.subarray(3)).toEqual(id.subarray(3));
    // Masked-out bits of the address do not change the prefix (BEP 42's mask 0x030f3fff).
    expect(isIdBoundTo(bound, "202.18.3.7")).toBe(true);
    expect(isIdBoundTo(bound, "198.18.3.8")).toBe(false);
    expect(BOUND_ID_BITS).toBe(21);
  });

  it("IPv6: the /64 counts, the interface id does not; IPv4-mapped is IPv4", () => {
    const id = fromHex("00".repeat(32));
    const bound = bindId(id, "2001:db8:1:2::1");
    expect(isIdBoundTo(bound, "2001:db8:1:2:ffff::9")).toBe(true);
    expect(isIdBoundTo(bound, "2001:db8:1:3::1")).toBe(false);
    expect(toHex(bindId(id, "::ffff:198.18.3.7"))).toBe(toHex(bindId(id, "198.18.3.7")));
  });

  it("only public addresses need a bound id (loopback and private ranges exempt, 198.18.0.0/15 public)", () => {
    const id = new Uint8Array(32);
    for (const host of ["127.0.0.1", "::1", "10.1.2.3", "192.168.1.1", "172.16.0.1", "100.64.0.1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "localhost", "0.0.0.0", "::"]) {
      expect(needsBoundId(host), host).toBe(false);
      expect(idAllowedAt(id, host), host).toBe(true);
    }
    for (const host of ["198.18.0.1", "8.8.8.8", "2001:db8::1", "::ffff:198.19.0.1"]) {
      expect(needsBoundId(host), host).toBe(true);
      expect(idAllowedAt(id, host) === isIdBoundTo(id, host), host).toBe(true);
      expect(idAllowedAt(bindId(id, host), host), host).toBe(true);
    }
  });
});
