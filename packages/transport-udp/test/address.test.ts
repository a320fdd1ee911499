import { describe, expect, it } from "vitest";
import { inferSocketType, normalizeHost, socketHost } from "../src/address.js";

describe("address helpers", () => {
  it("normalizes IPv4-mapped IPv6 to IPv4 and leaves other hosts alone", () => {
    expect(normalizeHost("::ffff:1.2.3.4")).toBe("1.2.3.4");
    expect(normalizeHost("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeHost("::ffff:7f00:1")).toBe("::ffff:7f00:1");
    expect(normalizeHost("::1")).toBe("::1");
    expect(normalizeHost("10.0.0.1")).toBe("10.0.0.1");
  });

  it("infers the socket family from the host", () => {
    expect(inferSocketType("127.0.0.1")).toBe("udp4");
    expect(inferSocketType("::1")).toBe("udp6");
  });

  it("maps destinations to socket hosts, refusing what a socket cannot send to", () => {
    expect(socketHost({ host: "127.0.0.1", port: 1 }, "udp4")).toBe("127.0.0.1");
    expect(socketHost({ host: "127.0.0.1", port: 1 }, "udp6")).toBe("::ffff:127.0.0.1");
    expect(socketHost({ host: "::1", port: 1 }, "udp6")).toBe("::1");
    expect(socketHost({ host: "::1", port: 1 }, "udp4")).toBeUndefined();
    expect(socketHost({ host: "example.com", port: 1 }, "udp6")).toBeUndefined();
    expect(socketHost({ host: "127.0.0.1", port: 0 }, "udp4")).toBeUndefined();
  });
});
