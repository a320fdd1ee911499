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
});
