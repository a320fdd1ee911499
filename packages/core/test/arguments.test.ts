import { describe, expect, it } from "vitest";
import { assertCallOptions, assertObject, parseAddress } from "../src/index.js";

describe("parseAddress", () => {
  it("takes objects and host:port strings, IPv6 in brackets, localhost as 127.0.0.1", () => {
    expect(parseAddress({ host: "198.18.0.1", port: 4000 })).toEqual({ host: "198.18.0.1", port: 4000 });
    expect(parseAddress("198.18.0.1:4000")).toEqual({ host: "198.18.0.1", port: 4000 });
    expect(parseAddress("[fd00::1]:65535")).toEqual({ host: "fd00::1", port: 65535 });
    expect(parseAddress("localhost:1")).toEqual({ host: "127.0.0.1", port: 1 });
    const given = { host: "::1", port: 9, extra: true };
    const parsed = parseAddress(given);
    expect(parsed).toEqual({ host: "::1", port: 9 });
    expect(parsed).not.toBe(given);
  });

  it("refuses everything else with ERR_INVALID_ADDRESS", () => {
    const bad: unknown[] = [undefined, null, 4000, "", "198.18.0.1", "198.18.0.1:0", "198.18.0.1:65536", "fd00::1:4000",
      "example.com:80", "[fd00::1]", { host: "198.18.0.1" }, { host: "198.18.0.1", port: 1.5 }, { host: "198.18.0.1", port: "80" },
      { host: 1, port: 80 }, { host: "256.0.0.1", port: 80 }, [], Symbol("x")];
    for (const value of bad) expect(() => parseAddress(value), String(typeof value === "symbol" ? "symbol" : JSON.stringify(value)))
      .toThrow(expect.objectContaining({ code: "ERR_INVALID_ADDRESS" }));
  });
});

describe("assertCallOptions and assertObject", () => {
  it("accept undefined or an object with an AbortSignal, refuse the rest with ERR_INVALID_ARGUMENT", () => {
    expect(() => assertCallOptions(undefined)).not.toThrow();
    expect(() => assertCallOptions({})).not.toThrow();
    expect(() => assertCallOptions({ signal: new AbortController().signal })).not.toThrow();
    for (const value of [null, 1, "x", [], { signal: {} }, { signal: null }]) {
      expect(() => assertCallOptions(value)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
    }
    expect(() => assertObject({}, "args")).not.toThrow();
    for (const value of [undefined, null, 1, [], "x"]) {
      expect(() => assertObject(value, "args")).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
    }
  });
});
