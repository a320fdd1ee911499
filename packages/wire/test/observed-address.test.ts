import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCodec } from "../src/index.js";

const { encode, decode } = createCodec();
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const sender = Uint8Array.from({ length: 32 }, (_, i) => i);
const spec = (): string => readFileSync(fileURLToPath(new URL("../../../docs/protocol.md", import.meta.url)), "utf8");

describe("PONG observed address and client flag (extension keys 9 and 10)", () => {
  it("are written as documented and read back", () => {
    const v4 = { type: "PONG", rid: 1, sender, observed: { host: "198.18.0.7", port: 4000 } } as const;
    const v6Client = { type: "PONG", rid: 2, sender, observed: { host: "fd00::2", port: 51820 }, client: true } as const;
    for (const message of [v4, v6Client]) {
      const bytes = encode(message);
      expect(decode(bytes)).toEqual(message);
      expect(spec(), `vector of ${JSON.stringify(message.observed)}`).toContain(hex(bytes));
    }
    console.log(`PONG with an observed IPv4 address: ${encode(v4).length} B (a bare PONG: ${encode({ type: "PONG", rid: 1, sender }).length} B); `
      + `with an IPv6 one and the client flag: ${encode(v6Client).length} B`);
  });

  it("ignores ill-typed values as if absent", () => {
    // key 9 with a 5-byte ip, key 10 with 1 instead of true
    const odd = "95010201c420000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f8209 92c4050102030405cd0fa00a01".replace(" ", "");
    expect(decode(Buffer.from(odd, "hex"))).toEqual({ type: "PONG", rid: 1, sender });
  });

  it("refuses to encode an observed host that is not an IP literal", () => {
    expect(() => encode({ type: "PONG", rid: 1, sender, observed: { host: "example.org", port: 1 } })).toThrow(/observed/);
  });
});
