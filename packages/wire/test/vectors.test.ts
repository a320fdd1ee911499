import { readFileSync } from "node:fs";
import { fromHex, toHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { codec, type TestMessage } from "./fixtures.js";
import vectors from "./vectors.json" with { type: "json" };

/**
 * The test vectors of docs/protocol.md, kept in vectors.json. Each valid vector decodes to
 * its message and re-encodes byte for byte; each invalid one is refused with its code;
 * and the spec shows exactly the same hex.
 */

const { decode, encode, tryDecode } = codec;

const BYTE_FIELDS = new Set(["sender", "target", "key", "value", "publisher", "id", "origin", "data", "topic"]);

/** A message from its JSON form in vectors.json (bytes as hex). */
function fromJson(json: Record<string, unknown>): TestMessage {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(json)) {
    if (BYTE_FIELDS.has(field)) out[field] = fromHex(value as string);
    else if (field === "rendezvous") out[field] = (value as string[]).map(fromHex);
    else if (field === "auth") {
      const auth = value as { publicKey: string; seq: number; signature: string };
      out[field] = { publicKey: fromHex(auth.publicKey), seq: auth.seq, signature: fromHex(auth.signature) };
    }
    else if (field === "contacts") {
      out[field] = (value as Array<{ id: string; host: string; port: number }>).map((c) => ({ ...c, id: fromHex(c.id) }));
    } else out[field] = value;
  }
  return out as unknown as TestMessage;
}

const spec = readFileSync(new URL("../../../docs/protocol.md", import.meta.url), "utf8");

describe("test vectors", () => {
  for (const v of vectors.valid) {
    it(`${v.name}: decodes and re-encodes byte-exactly`, () => {
      const message = fromJson(v.message);
      expect(decode(fromHex(v.hex))).toEqual(message);
      expect(toHex(encode(message))).toBe(v.hex);
    });
  }

  for (const v of vectors.decodeOnly) {
    it(`${v.name}: decodes, re-encodes to the canonical form`, () => {
      const decoded = decode(fromHex(v.hex));
      expect(decoded).toEqual(fromJson(v.message));
      expect(toHex(encode(decoded))).toBe(v.reencodedHex);
    });
  }

  for (const v of vectors.invalid) {
    it(`${v.name}: refused with ${v.code}`, () => {
      const result = tryDecode(fromHex(v.hex));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(v.code);
    });
  }

  it("covers every message type", () => {
    const types = new Set(vectors.valid.map((v) => v.message.type));
    expect([...types].sort()).toEqual([...codec.types].sort());
  });

  it("docs/protocol.md shows the same hex as vectors.json", () => {
    const all = [...vectors.valid, ...vectors.decodeOnly, ...vectors.invalid];
    const missing = all.filter((v) => v.hex !== "" && !spec.includes(v.hex)).map((v) => v.name);
    expect(missing).toEqual([]);
    for (const v of vectors.decodeOnly) expect(spec).toContain(v.reencodedHex);
    for (const v of vectors.invalid) expect(spec).toContain(v.code);
  });
});
