import { describe, expect, it } from "vitest";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { ProtocolErrorCode, RecordKind } from "@plexus/wire";
import {
  MAX_MUTABLE_VALUE_BYTES, MAX_SALT_BYTES, StoreTokens, checkIdProof, createIdentity, identityFromPrivateKey,
  idOfPublicKey, judgeRecord, makeIdProof, mutableKey, parseMutableRecord, sha256, signMutableRecord,
  verifyMutableRecord, verifySignature,
} from "../src/index.js";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const stored = (key: Uint8Array, value: Uint8Array) => ({ key, value, expiresAt: 1e9, storedAt: 0 });

describe("identity", () => {
  it("derives id = sha256(public key) and round-trips the private key bytes", () => {
    const a = createIdentity();
    expect(a.id).toEqual(idOfPublicKey(a.publicKey));
    expect(a.id).toEqual(sha256(a.publicKey));
    const b = identityFromPrivateKey(a.exportPrivateKey());
    expect(b.id).toEqual(a.id);
    const sig = a.sign(bytes("hello"));
    expect(verifySignature(b.publicKey, bytes("hello"), sig)).toBe(true);
    expect(verifySignature(b.publicKey, bytes("hellO"), sig)).toBe(false);
  });

  it("is deterministic from a seed and rejects a bad private key length", () => {
    expect(identityFromPrivateKey(seed(1)).id).toEqual(identityFromPrivateKey(seed(1)).id);
    expect(() => identityFromPrivateKey(new Uint8Array(31))).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
  });

  it("id proofs verify only for the right id, nonce and pinger", () => {
    const owner = identityFromPrivateKey(seed(2));
    const other = identityFromPrivateKey(seed(3));
    const pinger = seed(9), nonce = new Uint8Array(16).fill(5);
    const proof = makeIdProof(owner, nonce, pinger);
    expect(checkIdProof(proof, owner.id, nonce, pinger)).toBe(true);
    expect(checkIdProof(proof, other.id, nonce, pinger)).toBe(false); // claims someone else's id
    expect(checkIdProof(proof, owner.id, new Uint8Array(16), pinger)).toBe(false); // replayed for another nonce
    expect(checkIdProof(proof, owner.id, nonce, seed(8))).toBe(false); // relayed to another pinger
    expect(checkIdProof({ publicKey: other.publicKey, signature: proof.signature }, other.id, nonce, pinger)).toBe(false);
    expect(checkIdProof(undefined, owner.id, nonce, pinger)).toBe(false);
  });
});

describe("mutable records", () => {
  const owner = identityFromPrivateKey(seed(4));
  const salt = bytes("profile");

  it("sign -> parse -> verify round trip; key = sha256(pk || salt)", () => {
    const r = signMutableRecord(owner, { value: bytes("v1"), seq: 1, salt });
    expect(r.key).toEqual(mutableKey(owner.publicKey, salt));
    const parsed = parseMutableRecord(r.bytes)!;
    expect(parsed.seq).toBe(1);
    expect(parsed.value).toEqual(bytes("v1"));
    expect(parsed.salt).toEqual(salt);
    expect(verifyMutableRecord(parsed)).toBe(true);
    expect(r.bytes.length).toBe(109 + salt.length + 2);
  });

  it("detects any flipped byte in value, seq, salt or signature", () => {
    const r = signMutableRecord(owner, { value: bytes("value"), seq: 7, salt });
    for (const at of [40, 45, 45 + salt.length + 3, r.bytes.length - 1]) {
      const forged = r.bytes.slice();
      forged[at]! ^= 1;
      const parsed = parseMutableRecord(forged);
      expect(parsed === undefined || !verifyMutableRecord(parsed) || !parsed.key.every((b, i) => b === r.key[i])).toBe(true);
    }
  });

  it("enforces the size limits", () => {
    expect(MAX_MUTABLE_VALUE_BYTES).toBe(851);
    const big = new Uint8Array(MAX_MUTABLE_VALUE_BYTES);
    expect(signMutableRecord(owner, { value: big, seq: 0, salt: new Uint8Array(MAX_SALT_BYTES) }).bytes.length).toBe(1024);
    expect(() => signMutableRecord(owner, { value: new Uint8Array(852), seq: 0, salt: new Uint8Array(64) }))
      .toThrow(expect.objectContaining({ code: "ERR_VALUE_TOO_LARGE" }));
    expect(() => signMutableRecord(owner, { value: big, seq: -1 })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
    expect(() => signMutableRecord(owner, { value: big, seq: 0, salt: new Uint8Array(65) }))
      .toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
  });
});

describe("judgeRecord (what a storing node accepts)", () => {
  const owner = identityFromPrivateKey(seed(5));
  const thief = identityFromPrivateKey(seed(6));
  const v1 = signMutableRecord(owner, { value: bytes("one"), seq: 1 });
  const v2 = signMutableRecord(owner, { value: bytes("two"), seq: 2 });
  const v2b = signMutableRecord(owner, { value: bytes("two, again"), seq: 2 });
  const code = (v: ReturnType<typeof judgeRecord>) => (v.ok ? "ok" : v.protocolCode);

  it("accepts a first, a newer and an identical (refresh) mutable record", () => {
    expect(code(judgeRecord(undefined, v1.key, v1.bytes, RecordKind.MUTABLE, undefined))).toBe("ok");
    expect(code(judgeRecord(stored(v1.key, v1.bytes), v2.key, v2.bytes, undefined, undefined))).toBe("ok");
    expect(code(judgeRecord(stored(v2.key, v2.bytes), v2.key, v2.bytes, undefined, undefined))).toBe("ok");
    expect(code(judgeRecord(stored(v1.key, v1.bytes), v2.key, v2.bytes, RecordKind.MUTABLE, 1))).toBe("ok");
  });

  it("refuses forged, older, replayed-seq, cas-mismatched and misplaced records", () => {
    const forged = v2.bytes.slice();
    forged[forged.length - 1]! ^= 1;
    expect(code(judgeRecord(stored(v1.key, v1.bytes), v1.key, forged, RecordKind.MUTABLE, undefined))).toBe(ProtocolErrorCode.BAD_SIGNATURE);
    expect(code(judgeRecord(stored(v2.key, v2.bytes), v1.key, v1.bytes, undefined, undefined))).toBe(ProtocolErrorCode.SEQ_TOO_OLD);
    expect(code(judgeRecord(stored(v2.key, v2.bytes), v2.key, v2b.bytes, undefined, undefined))).toBe(ProtocolErrorCode.SEQ_TOO_OLD);
    expect(code(judgeRecord(stored(v2.key, v2.bytes), v2.key, v2.bytes, RecordKind.MUTABLE, 1))).toBe(ProtocolErrorCode.CAS_MISMATCH);
    const stolen = signMutableRecord(thief, { value: bytes("mine"), seq: 99 });
    expect(code(judgeRecord(stored(v1.key, v1.bytes), v1.key, stolen.bytes, RecordKind.MUTABLE, undefined))).toBe(ProtocolErrorCode.BAD_RECORD);
    expect(code(judgeRecord(stored(v1.key, v1.bytes), v1.key, bytes("plain overwrite"), undefined, undefined))).toBe(ProtocolErrorCode.BAD_RECORD);
  });

  it("checks immutable items by hash and keeps plain items last-writer-wins", () => {
    const value = bytes("content");
    const key = sha256(value);
    expect(code(judgeRecord(undefined, key, value, RecordKind.IMMUTABLE, undefined))).toBe("ok");
    expect(code(judgeRecord(undefined, key, bytes("other"), RecordKind.IMMUTABLE, undefined))).toBe(ProtocolErrorCode.BAD_RECORD);
    expect(code(judgeRecord(stored(key, value), key, bytes("other"), undefined, undefined))).toBe(ProtocolErrorCode.BAD_RECORD);
    expect(code(judgeRecord(stored(key, value), key, value, undefined, undefined))).toBe("ok");
    const plainKey = seed(7);
    expect(code(judgeRecord(stored(plainKey, bytes("a")), plainKey, bytes("b"), undefined, undefined))).toBe("ok");
    expect(code(judgeRecord(stored(plainKey, bytes("a")), plainKey, bytes("b"), RecordKind.PLAIN, undefined))).toBe("ok");
  });
});

describe("StoreTokens", () => {
  it("binds tokens to the address and rotates secrets on the clock (current + previous)", () => {
    const clock = new ManualClock();
    const tokens = new StoreTokens(clock, new SeededRandom(1), 300_000);
    const a = { host: "10.0.0.1", port: 4000 };
    const t = tokens.issue(a);
    expect(t.length).toBe(16);
    expect(tokens.check(t, a)).toBe(true);
    expect(tokens.check(t, { host: "10.0.0.2", port: 4000 })).toBe(false);
    expect(tokens.check(t, { host: "10.0.0.1", port: 4001 })).toBe(false);
    expect(tokens.check(undefined, a)).toBe(false);
    expect(tokens.check(new Uint8Array(16), a)).toBe(false);
    clock.advance(300_000);
    expect(tokens.check(t, a)).toBe(true); // previous secret
    clock.advance(300_000);
    expect(tokens.check(t, a)).toBe(false); // two rotations later
  });
});
