import { describe, expect, it } from "vitest";
import { MAX_MEMBERS_PER_ROOM } from "../src/constants.js";
import { mergeHistory } from "../src/history.js";
import { decodeDirect, decodeLine, decodeRoomWire, encodeWire } from "../src/protocol.js";
import { AuthorIndex, Roster } from "../src/roster.js";

const id = (n: number): string => n.toString(16).padStart(64, "0");

describe("Roster", () => {
  it("reports new, known and renamed members and finds ids by nick", () => {
    const roster = new Roster(1_000);
    expect(roster.see(id(1), "alice", 0)?.kind).toBe("new");
    expect(roster.see(id(1), "alice", 10)?.kind).toBe("known");
    expect(roster.see(id(1), "ally", 20)).toMatchObject({ kind: "renamed", old: "alice" });
    expect(roster.idOf("ALLY")).toBe(id(1));
    expect(roster.idOf("alice")).toBeUndefined();
    expect(roster.remove(id(1))?.nick).toBe("ally");
    expect(roster.list()).toEqual([]);
  });

  it("expires a member after 3 missed heartbeats of its own interval", () => {
    const roster = new Roster(1_000);
    roster.see(id(1), "fast", 0, 100);
    roster.see(id(2), "slow", 0);
    expect(roster.expire(300)).toEqual([]);
    expect(roster.expire(301).map((m) => m.nick)).toEqual(["fast"]);
    roster.see(id(2), "slow", 2_500);
    expect(roster.expire(5_500)).toEqual([]);
    expect(roster.expire(5_501).map((m) => m.nick)).toEqual(["slow"]);
  });

  it("is bounded", () => {
    const roster = new Roster(1_000);
    for (let i = 0; i < MAX_MEMBERS_PER_ROOM; i++) roster.see(id(i), `n${i}`, 0);
    expect(roster.see(id(MAX_MEMBERS_PER_ROOM), "late", 0)).toBeUndefined();
    expect(roster.list()).toHaveLength(MAX_MEMBERS_PER_ROOM);
  });
});

describe("AuthorIndex", () => {
  it("keeps the highest head and drops the least recent past its bound", () => {
    const authors = new AuthorIndex(2);
    authors.note(id(1), "a", 3, 10);
    authors.note(id(1), "a", 2, 20);
    authors.note(id(2), "b", 1, 30);
    authors.note(id(3), "c", 0, 40); // no lines yet: ignored
    expect(authors.recent(5)).toEqual([{ id: id(2), nick: "b", head: 1 }, { id: id(1), nick: "a", head: 3 }]);
    authors.note(id(3), "c", 1, 50);
    expect(authors.recent(5).map((a) => a.nick)).toEqual(["c", "b"]);
  });
});

describe("protocol", () => {
  it("round-trips valid messages and rejects malformed ones", () => {
    const line = { t: "msg", id: "0123456789abcdef", seq: 1, nick: "alice", text: "hi", ts: 5 } as const;
    expect(decodeRoomWire(encodeWire(line))).toEqual(line);
    expect(decodeLine(encodeWire(line))).toEqual(line);
    const presence = { t: "presence", nick: "a", every: 300, head: 2, authors: [{ id: id(1), nick: "b", head: 4 }] } as const;
    expect(decodeRoomWire(encodeWire(presence))).toEqual(presence);
    const dm = { t: "dm", id: "0123456789abcdef", nick: "bob", text: "psst", ts: 1 } as const;
    expect(decodeDirect(encodeWire(dm))).toEqual(dm);
    for (const bad of ["", "null", "[1]", "{\"t\":\"msg\"}", encodeWire({ ...line, seq: 0 }), encodeWire({ ...line, text: "" }),
      encodeWire({ ...line, nick: "no spaces" }), encodeWire({ ...presence, every: 0 }), JSON.stringify({ t: "bye", nick: "a", reason: "x" })]) {
      expect(decodeRoomWire(bad), bad).toBeUndefined();
    }
    expect(decodeDirect(encodeWire(line))).toBeUndefined();
  });
});

describe("mergeHistory", () => {
  it("orders by time, drops duplicates and keeps the newest 20", () => {
    const lines = Array.from({ length: 25 }, (_, i) => ({ from: "a", fromId: id(i % 3), text: `t${i}`, ts: 25 - i, msgId: `m${i}` }));
    const merged = mergeHistory([...lines, lines[0]!]);
    expect(merged).toHaveLength(20);
    expect(merged.at(-1)?.text).toBe("t0");
    expect(merged[0]?.text).toBe("t19");
  });
});
