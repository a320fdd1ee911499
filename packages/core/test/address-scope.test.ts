import { describe, expect, it } from "vitest";
import { addressScope, reachableFrom } from "../src/index.js";

describe("addressScope", () => {
  it("classifies loopback, private and public literals", () => {
    const cases: [string, string][] = [
      ["127.0.0.1", "loopback"], ["::1", "loopback"],
      ["10.1.2.3", "private"], ["172.16.0.1", "private"], ["172.31.255.1", "private"], ["192.168.1.1", "private"],
      ["169.254.9.9", "private"], ["100.64.0.1", "private"], ["100.127.1.1", "private"], ["fd00::2", "private"],
      ["fc01::1", "private"], ["fe80::1", "private"], ["FEBF::1", "private"],
      ["172.15.0.1", "public"], ["172.32.0.1", "public"], ["100.63.0.1", "public"], ["100.128.0.1", "public"],
      ["198.18.0.1", "public"], ["8.8.8.8", "public"], ["2001:db8::1", "public"], ["fec0::1", "public"],
    ];
    for (const [host, scope] of cases) expect(addressScope(host), host).toBe(scope);
  });

  it("hands no narrower address to a requester than its own", () => {
    expect(reachableFrom("192.168.1.2", "198.18.0.1")).toBe(false);
    expect(reachableFrom("127.0.0.1", "192.168.1.2")).toBe(false);
    expect(reachableFrom("198.18.0.1", "127.0.0.1")).toBe(true);
    expect(reachableFrom("10.0.0.2", "10.9.9.9")).toBe(true);
    expect(reachableFrom("8.8.8.8", "198.18.0.1")).toBe(true);
  });
});
