import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCodec } from "../src/index.js";

const { encode, decode } = createCodec();
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const sender = Uint8Array.from({ length: 32 }, (_, i) => i);
/** PING rid 1 with the id challenge 05 x 16, padded by 2 bytes (ext 1, ext 8; docs/protocol.md 10.6). */
const PADDED = "95010101c420000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f8201c4100505050505050505050505050505050508c4020000";

describe("PING padding (extension key 8)", () => {
  it("is written as documented, and ignored when read", () => {
    const nonce = new Uint8Array(16).fill(5);
    expect(hex(encode({ type: "PING", rid: 1, sender, nonce, pad: new Uint8Array(2) }))).toBe(PADDED);
    expect(decode(Buffer.from(PADDED, "hex"))).toEqual({ type: "PING", rid: 1, sender, nonce });
    const spec = readFileSync(fileURLToPath(new URL("../../../docs/protocol.md", import.meta.url)), "utf8");
    expect(spec).toContain(PADDED);
  });

  it("makes an id challenge at least as large as a RETRY_WITH_TOKEN", () => {
    const rid = 0xffffffff;
    const challenge = encode({ type: "PING", rid, sender, nonce: new Uint8Array(16), pad: new Uint8Array(2) });
    const retry = encode({ type: "ERROR", rid, sender, code: 6, message: "", token: new Uint8Array(16) });
    expect(challenge.length).toBeGreaterThanOrEqual(retry.length);
  });
});
