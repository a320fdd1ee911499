import { readFileSync } from "node:fs";
import { bindId, boundIdCrc, fromHex, ipToBytes, isIdBoundTo, toHex } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { createCodec } from "@plexus/wire";
import {
  checkIdProof, checkOrigin, identityFromPrivateKey, keyProvesId, originPayload, signOrigin, idProofPayload, mutableSignedBytes, parseMutableRecord, signMutableRecord,
  verifyMutableRecord,
} from "../src/index.js";
import v from "./trust-vectors.json" with { type: "json" };

/** A codec of this test's own. */
const { decode, encode } = createCodec();

/** The vectors of docs/protocol.md section "Trusted storage" (identity, tokens, records), kept in trust-vectors.json. */
const spec = readFileSync(new URL("../../../docs/protocol.md", import.meta.url), "utf8");

describe("identity, token and record vectors (docs/protocol.md 10)", () => {
  const identity = identityFromPrivateKey(fromHex(v.identity.privateKey));

  it("derives the public key and id = SHA-256(public key)", () => {
    expect(toHex(identity.publicKey)).toBe(v.identity.publicKey);
    expect(toHex(identity.id)).toBe(v.identity.id);
  });

  it("signs the id proof payload deterministically (ed25519) and verifies it", () => {
    const payload = idProofPayload(fromHex(v.idProof.nonce), fromHex(v.idProof.pinger), identity.id);
    expect(toHex(payload)).toBe(v.idProof.payload);
    expect(toHex(identity.sign(payload))).toBe(v.idProof.signature);
    const proof = { publicKey: identity.publicKey, signature: fromHex(v.idProof.signature) };
    expect(checkIdProof(proof, identity.id, fromHex(v.idProof.nonce), fromHex(v.idProof.pinger))).toBe(true);
  });

  it("builds the mutable record envelope byte-exactly", () => {
    const rec = signMutableRecord(identity, { value: fromHex(v.mutable.value), seq: v.mutable.seq, salt: fromHex(v.mutable.salt) });
    expect(toHex(rec.key)).toBe(v.mutable.key);
    expect(toHex(mutableSignedBytes(rec.salt, rec.seq, rec.value))).toBe(v.mutable.signed);
    expect(toHex(rec.bytes)).toBe(v.mutable.envelope);
    expect(verifyMutableRecord(parseMutableRecord(fromHex(v.mutable.envelope))!)).toBe(true);
  });

  for (const name of ["broadcast", "publication", "direct", "request"] as const) {
    it(`origin signature of a ${name} (10.7): payload and signature byte-exact, verified, tampering refused`, () => {
      const o = v.origins[name];
      const kind = o.kind as 1 | 2 | 3 | 4;
      const fields = { origin: identity.id, id: fromHex(v.origins.id), scope: fromHex(o.scope), data: fromHex(v.origins.data) };
      expect(toHex(originPayload(kind, fields, o.seq))).toBe(o.payload);
      const auth = signOrigin(identity, kind, fields, o.seq);
      expect(toHex(auth.signature)).toBe(o.signature);
      expect(checkOrigin(auth, kind, fields)).toBe(true);
      expect(checkOrigin({ ...auth, seq: o.seq + 1 }, kind, fields)).toBe(false);
      expect(checkOrigin(auth, kind === 1 ? 2 : 1, fields)).toBe(false);
      expect(checkOrigin(auth, kind, { ...fields, data: fromHex("00") })).toBe(false);
      expect(checkOrigin(auth, kind, { ...fields, origin: fromHex(v.idProof.pinger) })).toBe(false);
    });
  }

  for (const b of v.boundIds) {
    it(`address-bound id at ${b.ip} (10.9): CRC-32C, id and an id proof for it`, () => {
      expect(boundIdCrc(ipToBytes(b.ip), b.r).toString(16).padStart(8, "0")).toBe(b.crc32c);
      const id = bindId(identity.id, b.ip);
      expect(toHex(id)).toBe(b.id);
      expect(isIdBoundTo(id, b.ip)).toBe(true);
      expect(keyProvesId(identity.publicKey, id)).toBe(true);
      const nonce = fromHex(v.idProof.nonce), pinger = fromHex(v.idProof.pinger);
      expect(toHex(identity.sign(idProofPayload(nonce, pinger, id)))).toBe(b.idProofSignature);
      const proof = { publicKey: identity.publicKey, signature: fromHex(b.idProofSignature) };
      expect(checkIdProof(proof, id, nonce, pinger)).toBe(true);
      expect(checkIdProof(proof, identity.id, nonce, pinger)).toBe(false); // signed for the bound id only
      const other = id.slice();
      other[31]! ^= 1;
      expect(keyProvesId(identity.publicKey, other)).toBe(false);
    });
  }

  for (const m of v.messages) {
    it(`${m.name}: decodes and re-encodes byte-exactly`, () => {
      expect(toHex(encode(decode(fromHex(m.hex))))).toBe(m.hex);
    });
  }

  it("docs/protocol.md shows the same hex", () => {
    const origins = [v.origins.broadcast, v.origins.publication, v.origins.direct, v.origins.request].flatMap((o) => [o.payload, o.signature]);
    const all = [v.identity.publicKey, v.identity.id, v.idProof.signature, v.mutable.envelope, v.mutable.key, ...origins,
      ...v.messages.map((m) => m.hex), ...v.boundIds.flatMap((b) => [b.crcInput, b.crc32c, b.id, b.idProofSignature])];
    expect(all.filter((hex) => !spec.includes(hex))).toEqual([]);
  });
});
