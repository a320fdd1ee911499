import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPlexusError, toHex } from "@plexus/core";
import { encodeValue, keyOfEncoded, toKey } from "../src/index.js";

const sha256 = (data: Uint8Array | string): Uint8Array => new Uint8Array(createHash("sha256").update(data).digest());

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isPlexusError(error) ? error.code : "not a PlexusError";
  }
  return undefined;
}

describe("toKey", () => {
  it("takes a 32-byte Uint8Array as is (a copy)", () => {
    const bytes = sha256("x");
    const key = toKey(bytes);
    expect(key).toEqual(bytes);
    expect(key).not.toBe(bytes);
  });

  it("parses a 64-character hex string, either case", () => {
    const bytes = sha256("y");
    expect(toKey(toHex(bytes))).toEqual(bytes);
    expect(toKey(toHex(bytes).toUpperCase())).toEqual(bytes);
  });

  it("hashes any other string with SHA-256 of its UTF-8", () => {
    expect(toKey("users/alice")).toEqual(sha256("users/alice"));
    expect(toKey("")).toEqual(sha256(""));
    expect(toKey("ä".repeat(64))).toEqual(sha256("ä".repeat(64)));
    // 63 hex characters are not a hex key: hashed.
    expect(toKey("a".repeat(63))).toEqual(sha256("a".repeat(63)));
  });

  it("rejects bytes of another length and non-key values with ERR_INVALID_ID", () => {
    expect(codeOf(() => toKey(new Uint8Array(31)))).toBe("ERR_INVALID_ID");
    expect(codeOf(() => toKey(new Uint8Array(33)))).toBe("ERR_INVALID_ID");
    expect(codeOf(() => toKey(42 as unknown as string))).toBe("ERR_INVALID_ID");
  });
});

describe("keyOfEncoded", () => {
  it("is the SHA-256 of the encoded value, kind byte included", () => {
    const encoded = encodeValue("hello");
    expect(keyOfEncoded(encoded)).toEqual(sha256(encoded));
    expect(keyOfEncoded(encodeValue("hello"))).not.toEqual(keyOfEncoded(encodeValue(new TextEncoder().encode("hello"))));
  });
});
