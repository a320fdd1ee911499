import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { identityFromSeed, sha256 } from "../src/index.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("identity from a 32-byte seed", () => {
  it("gives RFC 8032's public key and signature for its test 1 seed", () => {
    const identity = identityFromSeed(Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex"));
    expect(hex(identity.publicKey)).toBe("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    expect(hex(identity.sign(new Uint8Array(0)))).toBe(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    expect(hex(identity.id)).toBe(hex(sha256(identity.publicKey)));
  });

  it("round-trips exportPrivateKey, and its signatures verify with node's own key pair (50 keys)", () => {
    for (let i = 0; i < 50; i++) {
      const { privateKey, publicKey } = generateKeyPairSync("ed25519");
      const seed = new Uint8Array(Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url"));
      const identity = identityFromSeed(seed);
      expect(hex(identity.publicKey)).toBe(Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex"));
      expect(hex(identity.exportPrivateKey())).toBe(hex(seed));
      const data = Uint8Array.of(i, 1, 2, 3);
      expect(verify(null, data, publicKey, identity.sign(data))).toBe(true);
    }
  });
});
