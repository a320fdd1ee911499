import { describe, expect, it } from "vitest";
import type { ChatEvent } from "../src/events.js";
import { nickColor, renderJson, renderText, useColor } from "../src/render.js";

const ID = "ab".repeat(32);
const plain = { color: false, clock: () => "12:34" };

describe("renderText", () => {
  it("renders messages, directs and notices without colour", () => {
    const message: ChatEvent = { type: "message", room: "#lobby", from: "alice", fromId: ID, text: "hi", ts: 0, msgId: "0".repeat(16), self: false };
    expect(renderText(message, plain)).toBe("12:34 <alice> hi");
    expect(renderText({ type: "direct", from: "bob", fromId: ID, text: "psst", ts: 0, msgId: "1".repeat(16) }, plain)).toBe("12:34 *bob* psst");
    expect(renderText({ type: "leave", room: "#lobby", nick: "carol", id: ID, self: false, reason: "timeout" }, plain))
      .toBe("-- carol timed out of #lobby");
    expect(renderText({ type: "join", room: "#dev", nick: "me", id: ID, self: true }, plain)).toBe("-- you joined #dev");
    expect(renderText({ type: "nick", old: "a", nick: "b", id: ID, self: false }, plain)).toBe("-- a is now b");
    expect(renderText({ type: "error", code: "ERR_UNKNOWN_NICK", message: "no one called zed" }, plain))
      .toBe("! no one called zed [ERR_UNKNOWN_NICK]");
    expect(renderText({ type: "sent", room: "#lobby", msgId: "x", delivered: 1, stored: 1 }, plain)).toBeUndefined();
  });

  it("renders the ready line with the address to bootstrap through", () => {
    const text = renderText({ type: "ready", address: { host: "127.0.0.1", port: 9000 }, id: ID, nick: "alice", network: "topics" }, plain);
    expect(text).toContain("--bootstrap 127.0.0.1:9000");
  });

  it("renders history and /who", () => {
    const history = renderText({ type: "history", room: "#lobby", messages: [
      { from: "a", fromId: ID, text: "one", ts: 0, msgId: "1".repeat(16) },
      { from: "b", fromId: ID, text: "two", ts: 1, msgId: "2".repeat(16) }] }, plain);
    expect(history?.split("\n")).toEqual(["-- last 2 messages in #lobby:", "12:34 <a> one", "12:34 <b> two", "-- end of history"]);
    expect(renderText({ type: "history", room: "#x", messages: [] }, plain)).toBe("-- no recent history in #x");
    expect(renderText({ type: "presence", room: "#lobby", members: [{ nick: "a", id: ID, self: true }, { nick: "b", id: ID, self: false }] }, plain))
      .toBe("-- #lobby: a (you), b");
  });

  it("colours nicks with a stable colour when asked", () => {
    const text = renderText({ type: "join", room: "#l", nick: "Alice", id: ID, self: false }, { color: true, clock: () => "" });
    expect(text).toContain(`\x1b[${nickColor("alice")}mAlice\x1b[0m`);
    expect(nickColor("alice")).toBe(nickColor("ALICE"));
    const colours = new Set(["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"].map(nickColor));
    expect(colours.size).toBeGreaterThan(3);
  });
});

describe("useColor and renderJson", () => {
  it("colours only a TTY without NO_COLOR", () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({}, {})).toBe(false);
  });

  it("prints one JSON object per event", () => {
    const line = renderJson({ type: "error", code: "ERR_USAGE", message: "a\nb" });
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({ type: "error", code: "ERR_USAGE", message: "a\nb" });
  });
});
