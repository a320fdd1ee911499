import { readFileSync } from "node:fs";
import { fromHex, toHex } from "@plexus/core";
import { createCodec } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { realtimeMessages } from "../src/index.js";
import type { RealtimeMessage } from "../src/index.js";
import vectors from "./vectors.json" with { type: "json" };

/**
 * The realtime test vectors of docs/protocol.md (section 14.6), kept in vectors.json: each
 * valid one decodes to its message and re-encodes byte for byte, each invalid one is
 * refused with its code, and the spec shows exactly the same hex.
 */

const codec = createCodec({ messages: realtimeMessages });
const BYTE_FIELDS = new Set(["sender", "id", "origin", "data", "topic", "target", "peer"]);

/** A message from its JSON form in vectors.json (bytes as hex). */
function fromJson(json: Record<string, unknown>): RealtimeMessage {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(json)) {
    if (BYTE_FIELDS.has(field)) out[field] = fromHex(value as string);
    else if (field === "rendezvous") out[field] = (value as string[]).map(fromHex);
    else if (field === "auth") {
      const auth = value as { publicKey: string; seq: number; signature: string };
      out[field] = { publicKey: fromHex(auth.publicKey), seq: auth.seq, signature: fromHex(auth.signature) };
    }
    else out[field] = value;
  }
  return out as unknown as RealtimeMessage;
}

const spec = readFileSync(new URL("../../../docs/protocol.md", import.meta.url), "utf8");

describe("realtime test vectors", () => {
  for (const v of vectors.valid) {
    it(`${v.name}: decodes and re-encodes byte-exactly`, () => {
      const message = fromJson(v.message);
      expect(codec.decode(fromHex(v.hex))).toEqual(message);
      expect(toHex(codec.encode(message))).toBe(v.hex);
    });
  }

  for (const v of vectors.invalid) {
    it(`${v.name}: refused with ${v.code}`, () => {
      const result = codec.tryDecode(fromHex(v.hex));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(v.code);
    });
  }

  it("covers every realtime message type", () => {
    const types = new Set(vectors.valid.map((v) => v.message.type));
    expect([...types].sort()).toEqual(realtimeMessages.map((m) => m.type).sort());
  });

  it("docs/protocol.md shows the same hex as vectors.json", () => {
    const missing = [...vectors.valid, ...vectors.invalid].filter((v) => !spec.includes(v.hex)).map((v) => v.name);
    expect(missing).toEqual([]);
  });
});
