import { describe, expect, it } from "vitest";
import { collectAddresses, parseSeconds, requireBootstrap } from "../src/cli/arguments.js";
import { ExitCode } from "../src/cli/exit-codes.js";

describe("argument parsing", () => {
  it("--bootstrap takes repeats and comma lists; env is the fallback", () => {
    const list = collectAddresses("[::1]:9001", collectAddresses("127.0.0.1:9000, localhost:9002"));
    expect(list).toEqual([{ host: "127.0.0.1", port: 9000 }, { host: "127.0.0.1", port: 9002 }, { host: "::1", port: 9001 }]);
    expect(requireBootstrap(undefined, { PLEXUS_BOOTSTRAP: "127.0.0.1:7" })).toEqual([{ host: "127.0.0.1", port: 7 }]);
    expect(() => requireBootstrap(undefined, {})).toThrow(expect.objectContaining({ exitCode: ExitCode.USAGE }) as Error);
    expect(() => collectAddresses("host.example:1")).toThrow(/not host:port/);
    expect(() => collectAddresses(Array.from({ length: 65 }, (_, i) => `127.0.0.1:${i + 1}`).join(","))).toThrow(/at most 64/);
  });

  it("durations are positive seconds up to a day", () => {
    expect(parseSeconds("2.5")).toBe(2500);
    for (const bad of ["0", "-1", "abc", "", "86401"]) expect(() => parseSeconds(bad)).toThrow(/seconds/);
  });
});
