import { describe, expect, it } from "vitest";
import { parseCli, parseAddress } from "../src/args.js";
import { normalizeRoom, parseCommand } from "../src/commands.js";

describe("parseCommand", () => {
  it("says plain lines and //-escaped lines to the room", () => {
    expect(parseCommand("  hello there ")).toEqual({ kind: "say", text: "hello there" });
    expect(parseCommand("//join is a command")).toEqual({ kind: "say", text: "/join is a command" });
    expect(parseCommand("   ")).toEqual({ kind: "empty" });
  });

  it("parses every command and its aliases", () => {
    expect(parseCommand("/join #Dev")).toEqual({ kind: "join", room: "#dev" });
    expect(parseCommand("/j dev")).toEqual({ kind: "join", room: "#dev" });
    expect(parseCommand("/leave")).toEqual({ kind: "leave" });
    expect(parseCommand("/part")).toEqual({ kind: "leave" });
    expect(parseCommand("/WHO")).toEqual({ kind: "who" });
    expect(parseCommand("/names")).toEqual({ kind: "who" });
    expect(parseCommand("/msg bob  hi   there ")).toEqual({ kind: "msg", nick: "bob", text: "hi   there" });
    expect(parseCommand("/nick carol_2")).toEqual({ kind: "nick", nick: "carol_2" });
    expect(parseCommand("/help")).toEqual({ kind: "help" });
    for (const quit of ["/quit", "/exit", "/q"]) expect(parseCommand(quit)).toEqual({ kind: "quit" });
  });

  it("reports unknown commands and bad usage with codes", () => {
    expect(parseCommand("/dance")).toMatchObject({ kind: "invalid", code: "ERR_UNKNOWN_COMMAND" });
    expect(parseCommand("/join")).toMatchObject({ kind: "invalid", code: "ERR_USAGE" });
    expect(parseCommand("/join #a b")).toMatchObject({ kind: "invalid", code: "ERR_USAGE" });
    expect(parseCommand("/join #bad!room")).toMatchObject({ kind: "invalid", code: "ERR_USAGE" });
    expect(parseCommand("/msg bob")).toMatchObject({ kind: "invalid", code: "ERR_USAGE" });
    expect(parseCommand("/nick has space")).toMatchObject({ kind: "invalid", code: "ERR_USAGE" });
    expect(parseCommand(`/nick ${"x".repeat(25)}`)).toMatchObject({ kind: "invalid", code: "ERR_USAGE" });
    expect(parseCommand("/leave now")).toMatchObject({ kind: "invalid", code: "ERR_USAGE" });
  });

  it("refuses lines longer than a datagram allows", () => {
    expect(parseCommand("é".repeat(301))).toMatchObject({ kind: "invalid", code: "ERR_TOO_LONG" });
    expect(parseCommand("x".repeat(600))).toEqual({ kind: "say", text: "x".repeat(600) });
  });

  it("normalizes room names", () => {
    expect(normalizeRoom("Lobby")).toBe("#lobby");
    expect(normalizeRoom("#a-b_c9")).toBe("#a-b_c9");
    expect(normalizeRoom("#")).toBeUndefined();
    expect(normalizeRoom(`#${"a".repeat(32)}`)).toBeUndefined();
  });
});

describe("parseCli", () => {
  it("has defaults and skips the -- pnpm passes through", () => {
    expect(parseCli(["--", "--nick", "alice"])).toEqual({
      nick: "alice", host: "127.0.0.1", port: 0, bootstrap: [], json: false, stay: false, presenceMs: 2_000,
      room: "#lobby", network: "auto", help: false,
    });
    expect(parseCli([], () => 0.5).nick).toBe("guest-8000");
  });

  it("reads every flag; --bootstrap repeats and comma-separates", () => {
    const cli = parseCli(["--nick", "bob", "--port", "9001", "--host", "::1", "--bootstrap", "127.0.0.1:9000,[::1]:9002",
      "--bootstrap", "9003", "--json", "--stay", "--presence-ms", "500", "--room", "dev", "--network", "broadcast"]);
    expect(cli).toMatchObject({ nick: "bob", port: 9001, host: "::1", json: true, stay: true, presenceMs: 500,
      room: "#dev", network: "broadcast" });
    expect(cli.bootstrap).toEqual([{ host: "127.0.0.1", port: 9000 }, { host: "::1", port: 9002 }, { host: "127.0.0.1", port: 9003 }]);
  });

  it("throws ERR_USAGE for bad input", () => {
    for (const argv of [["--nick", "a b"], ["--port", "70000"], ["--port", "x"], ["--bogus"], ["--presence-ms", "1"],
      ["--bootstrap", "nohost"], ["--network", "carrier-pigeon"], ["--room", "!"], ["extra"]]) {
      expect(() => parseCli(argv), argv.join(" ")).toThrow(expect.objectContaining({ code: "ERR_USAGE" }));
    }
    expect(parseAddress("localhost:1")).toEqual({ host: "127.0.0.1", port: 1 });
  });
});
