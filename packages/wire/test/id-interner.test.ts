import { describe, expect, it } from "vitest";
import { createCodec, IdInterner } from "../src/index.js";

const id = (head: number, tail: number): Uint8Array => {
  const bytes = new Uint8Array(32).fill(tail);
  bytes.set([head, head, head, head]);
  return bytes;
};

describe("IdInterner (ids shared between codecs)", () => {
  it("gives codecs that share it one object per id, and equal bytes always", () => {
    const ids = new IdInterner();
    const a = createCodec({ ids });
    const b = createCodec({ ids });
    const alone = createCodec();
    const sender = id(7, 1);
    const nodes = { type: "NODES", rid: 1, sender, contacts: [{ id: id(9, 2), host: "127.0.0.1", port: 9 }] } as const;
    const fromA = a.decode(a.encode(nodes));
    const fromB = b.decode(b.encode(nodes));
    if (fromA.type !== "NODES" || fromB.type !== "NODES") throw new Error("not NODES");
    expect(fromA.sender).toBe(fromB.sender);
    expect(fromA.contacts[0]!.id).toBe(fromB.contacts[0]!.id);
    expect(fromA.sender).toEqual(sender);
    expect(fromA.sender).not.toBe(sender); // a copy, not the caller's array
    expect(alone.decode(a.encode(nodes)).sender).not.toBe(fromA.sender);
  });

  it("never confuses two ids that share a slot: each decodes to its own bytes", () => {
    const ids = new IdInterner();
    const codec = createCodec({ ids });
    // Same first four bytes: same slot.
    const [x, y] = [id(5, 1), id(5, 2)];
    for (let round = 0; round < 3; round++) {
      for (const sender of [x, y]) {
        expect(codec.decode(codec.encode({ type: "PING", rid: 1, sender })).sender).toEqual(sender);
      }
    }
  });

  it("gives codecs that share it one frozen contact per (id, address); another address or port is another contact", () => {
    const ids = new IdInterner();
    const [a, b] = [createCodec({ ids }), createCodec({ ids })];
    const peer = id(9, 3);
    const contacts = [
      { id: peer, host: "198.18.0.7", port: 9 }, { id: peer, host: "198.18.0.7", port: 10 },
      { id: peer, host: "198.18.0.8", port: 9 }, { id: peer, host: "fd00::7", port: 9 }, { id: peer, host: "fd00::1:7", port: 9 },
    ];
    const nodes = { type: "NODES", rid: 1, sender: id(7, 1), contacts } as const;
    for (let round = 0; round < 2; round++) {
      // Each contact evicts the one before from their shared slot: each still decodes to its own values.
      for (const contact of contacts) {
        const one = { ...nodes, contacts: [contact] };
        const fromA = a.decode(a.encode(one));
        const fromB = b.decode(b.encode(one));
        if (fromA.type !== "NODES" || fromB.type !== "NODES") throw new Error("not NODES");
        expect(fromA.contacts[0]).toEqual(contact);
        expect(fromA.contacts[0]).toBe(fromB.contacts[0]);
        expect(Object.isFrozen(fromA.contacts[0])).toBe(true);
      }
    }
    const all = a.decode(a.encode(nodes));
    if (all.type !== "NODES") throw new Error("not NODES");
    expect(all.contacts).toEqual(contacts);
  });
});
