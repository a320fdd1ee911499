import { describe, expect, it } from "vitest";
import { decode, encode, type Message } from "../src/index.js";
import { idOf } from "./fixtures.js";

/** An id whose first four bytes are `head` (so two can share a cache slot) and the rest `fill`. */
function idWith(head: number[], fill: number): Uint8Array {
  const id = new Uint8Array(32).fill(fill);
  id.set(head);
  return id;
}

function nodes(contacts: { id: Uint8Array; host: string; port: number }[], sender = idOf(1)): Message {
  return { type: "NODES", rid: 7, sender, contacts };
}

describe("shared decoded ids and contacts", () => {
  it("hands out one frozen contact object per (id, host, port) and one id object per id", () => {
    const c = { id: idOf(40), host: "127.0.0.9", port: 4000 };
    const first = decode(encode(nodes([c])));
    const second = decode(encode(nodes([c, { id: idOf(41), host: "10.0.0.1", port: 1 }])));
    if (first.type !== "NODES" || second.type !== "NODES") throw new Error("type");
    expect(second.contacts[0]).toBe(first.contacts[0]);
    expect(Object.isFrozen(first.contacts[0])).toBe(true);
    expect(first.contacts[0]).toEqual(c);
    expect(second.sender).toBe(first.sender);
    expect(() => { (first.contacts[0] as { port: number }).port = 1; }).toThrow(TypeError);
  });

  it("never returns a stale contact: a new address for a known id is a new contact with the same id object", () => {
    const id = idOf(50);
    const a = decode(encode(nodes([{ id, host: "127.0.0.2", port: 5 }])));
    const b = decode(encode(nodes([{ id, host: "127.0.0.2", port: 6 }])));
    const c = decode(encode(nodes([{ id, host: "127.0.0.3", port: 6 }])));
    if (a.type !== "NODES" || b.type !== "NODES" || c.type !== "NODES") throw new Error("type");
    expect(b.contacts[0]).toEqual({ id, host: "127.0.0.2", port: 6 });
    expect(c.contacts[0]).toEqual({ id, host: "127.0.0.3", port: 6 });
    expect(b.contacts[0]!.id).toBe(a.contacts[0]!.id);
  });

  it("tells IPv4 from IPv6 addresses that share their first four bytes, and shares IPv6 contacts too", () => {
    const id = idOf(70);
    const v4 = { id, host: "127.0.0.1", port: 5 };
    const v6 = { id, host: "7f00:1::", port: 5 };
    const v6b = { id, host: "7f00:1::1", port: 5 };
    for (let round = 0; round < 2; round++) {
      for (const c of [v4, v6, v6b, v6, v4]) {
        const m = decode(encode(nodes([c])));
        if (m.type !== "NODES") throw new Error("type");
        expect(m.contacts[0]).toEqual(c);
      }
    }
    const a = decode(encode(nodes([v6b])));
    const b = decode(encode(nodes([v6b])));
    if (a.type !== "NODES" || b.type !== "NODES") throw new Error("type");
    expect(b.contacts[0]).toBe(a.contacts[0]);
  });

  it("decodes colliding ids (same slot, different bytes) exactly, in any order", () => {
    const ids = [idWith([9, 9, 9, 9], 1), idWith([9, 9, 9, 9], 2), idWith([9, 9, 9, 9, 7], 1)];
    for (let round = 0; round < 3; round++) {
      for (const id of ids) {
        const m = decode(encode(nodes([{ id, host: "127.0.0.4", port: 9 }], id)));
        if (m.type !== "NODES") throw new Error("type");
        expect(m.sender).toEqual(id);
        expect(m.contacts[0]!.id).toEqual(id);
      }
    }
  });

  it("keeps decoded values independent of the datagram and of later datagrams", () => {
    const id = idOf(60);
    const wire = encode(nodes([{ id, host: "127.0.0.5", port: 10 }], id));
    const m = decode(wire);
    wire.fill(0xff);
    decode(encode(nodes([{ id: idOf(61), host: "127.0.0.6", port: 11 }], idOf(61))));
    if (m.type !== "NODES") throw new Error("type");
    expect(m.sender).toEqual(id);
    expect(m.contacts[0]).toEqual({ id, host: "127.0.0.5", port: 10 });
  });
});
