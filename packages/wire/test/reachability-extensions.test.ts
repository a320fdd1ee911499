import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCodec } from "../src/index.js";
import type { KademliaMessage } from "../src/index.js";

const { encode, decode } = createCodec();
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const sender = Uint8Array.from({ length: 32 }, (_, i) => i);
const key = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 + i);
const nonce = Uint8Array.from({ length: 8 }, (_, i) => 0xd0 + i);
const spec = (): string => readFileSync(fileURLToPath(new URL("../../../docs/protocol.md", import.meta.url)), "utf8");

/** The vectors of docs/protocol.md 14.5 for sections 10.8 (client flag on requests), 10.10 (dial-back) and 10.11 (dual-stack). */
const vectors: readonly KademliaMessage[] = [
  { type: "FIND_NODE", rid: 3, sender, target: key, client: true },
  { type: "PING", rid: 3, sender, client: true },
  { type: "FIND_VALUE", rid: 3, sender, key, client: true },
  { type: "PING", rid: 4, sender, dialBack: nonce },
  { type: "PONG", rid: 4, sender, dialBack: true },
  { type: "PING", rid: 5, sender, dialTo: { host: "198.18.0.7", port: 4000, nonce } },
  { type: "PING", rid: 5, sender, dialTo: { host: "fd00::2", port: 51820, nonce } },
  { type: "PING", rid: 6, sender, dialNonce: nonce },
  { type: "FIND_NODE", rid: 7, sender, target: key, alt: { host: "fd00::2", port: 51820 } },
  { type: "PING", rid: 7, sender, alt: { host: "198.18.0.7", port: 4000 } },
];

describe("client flag on requests, dial-back and dual-stack (extension keys 10, 16, 17, 18, 19)", () => {
  it("are written as documented and read back", () => {
    const text = spec();
    for (const message of vectors) {
      const bytes = encode(message);
      expect(decode(bytes)).toEqual(message);
      expect(text, `vector of ${JSON.stringify(message, (_, v: unknown) => (v instanceof Uint8Array ? hex(v) : v))}`).toContain(hex(bytes));
    }
    const sizes = vectors.map((m) => `${m.type} ${encode(m).length} B`).join(", ");
    console.log(`reachability extensions: ${sizes}`);
  });

  it("ignores ill-typed values as if absent", () => {
    // PING with key 16 of 7 bytes, key 17 with a 3-element array whose ip is 5 bytes, key 18 as true
    const body = Buffer.from(`95010101c420${hex(sender)}8310c407010203040506071193c4050102030405cd0fa0c408d0d1d2d3d4d5d6d712c3`, "hex");
    expect(decode(body)).toEqual({ type: "PING", rid: 1, sender });
  });

  it("a dial-back PING toward an unproven address is no larger than the dialTo PING that asked for it (10.6)", () => {
    const rid = 0xffffffff;
    const dial = encode({ type: "PING", rid, sender, dialNonce: nonce }).length;
    const asked = encode({ type: "PING", rid: 0, sender, dialTo: { host: "198.18.0.7", port: 1, nonce } }).length;
    console.log(`dial-back PING: at most ${dial} B; the dialTo PING asking for it: at least ${asked} B`);
    expect(dial).toBeLessThanOrEqual(asked);
  });

  it("refuses to encode bad dial fields", () => {
    expect(() => encode({ type: "PING", rid: 1, sender, dialBack: new Uint8Array(7) })).toThrow(/dialBack/);
    expect(() => encode({ type: "PING", rid: 1, sender, dialTo: { host: "example.org", port: 1, nonce } })).toThrow(/dialTo/);
  });
});
