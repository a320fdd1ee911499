import { RoutingTable } from "@plexus/core";
import type { Address, NodeId } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { MAX_DATAGRAM_BYTES, MAX_RID, createCodec } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { identityFromPrivateKey, makeIdProof } from "../src/index.js";
import type { NodeIdentity } from "../src/index.js";
import { proofFits } from "../src/handlers/find-node.js";
import { ContactBook } from "../src/routing/contact-book.js";
import { SubnetLimits } from "../src/routing/subnet-limits.js";

/** A verifying contact book whose PING challenges are counted (and fail: only an answer's proof can admit). */
function book() {
  const random = new SeededRandom(7);
  const me = identityFromPrivateKey(random.bytes(32).slice(0, 32));
  const table = new RoutingTable(me.id, { k: 20 });
  const challenged: string[] = [];
  const contacts = new ContactBook({
    table, clock: new ManualClock(), random: random.fork(),
    limits: new SubnetLimits(table, { maxContactsPerSubnetPerBucket: 2, maxContactsPerSubnet: 10, exemptLoopback: true }),
    ping: (_a, _id, done) => done(true), emit: () => undefined,
    prove: (address) => { challenged.push(`${address.host}:${address.port}`); return Promise.resolve(false); },
  });
  const peer = (i: number): { identity: NodeIdentity; at: Address } =>
    ({ identity: identityFromPrivateKey(random.bytes(32).slice(0, 32)), at: { host: "198.18.0." + String(i), port: 4000 } });
  return { me, table, contacts, challenged, peer };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("id proofs carried by a lookup's own FIND_NODE / NODES (docs/protocol.md 10.2)", () => {
  it("a NODES with the proof for our nonce admits its sender without a PING; the requests it sent meanwhile draw no challenge", async () => {
    const { me, table, contacts, challenged, peer } = book();
    const p = peer(1);
    const nonce = contacts.nonceFor(p.identity.id, p.at);
    expect(nonce?.length).toBe(16);
    contacts.requested(p.identity.id, p.at); // it challenges us back first: its own answer will prove it
    contacts.answered(p.identity.id, p.at, undefined, makeIdProof(p.identity, nonce!, me.id));
    await settle();
    expect(table.has(p.identity.id)).toBe(true);
    expect(challenged).toEqual([]);
    expect(contacts.nonceFor(p.identity.id, p.at)).toBeUndefined(); // in the table: nothing to prove
  });

  it("a forged, replayed, misplaced or missing proof admits nothing: the answer gets the PING challenge instead", async () => {
    const { me, table, contacts, challenged, peer } = book();
    const cases: [string, (id: NodeId, at: Address, nonce: Uint8Array, identity: NodeIdentity) => void][] = [
      ["missing", (id, at) => contacts.answered(id, at)],
      ["another nonce", (id, at, nonce, identity) => contacts.answered(id, at, undefined, makeIdProof(identity, nonce.map((b) => b ^ 1), me.id))],
      ["another key", (id, at, nonce) => contacts.answered(id, at, undefined, makeIdProof(peer(99).identity, nonce, me.id, id))],
      ["another address", (id, at, nonce, identity) => contacts.answered(id, { ...at, port: at.port + 1 }, undefined, makeIdProof(identity, nonce, me.id))],
    ];
    let i = 10;
    for (const [name, answer] of cases) {
      const p = peer(i++);
      const nonce = contacts.nonceFor(p.identity.id, p.at)!;
      answer(p.identity.id, p.at, nonce, p.identity);
      await settle();
      expect(table.has(p.identity.id), name).toBe(false);
    }
    console.log(`PING challenges after the 4 bad answers: ${challenged.length}`);
    expect(challenged.length).toBe(4);
  });

  it("a NODES with a proof and a token stays within MAX_DATAGRAM_BYTES whenever proofFits allows the proof", () => {
    const { encode } = createCodec();
    const identity = identityFromPrivateKey(new Uint8Array(32).fill(1));
    const proof = makeIdProof(identity, new Uint8Array(16), identity.id);
    const contact = (v6: boolean, i: number) => ({ id: new Uint8Array(32).fill(i), host: v6 ? `fd00::${String(i)}` : `198.18.0.${String(i)}`, port: 65535 });
    const sizes: string[] = [];
    for (let v6 = 0; v6 <= 20; v6++) {
      const contacts = Array.from({ length: 20 }, (_, i) => contact(i < v6, i + 1));
      const fits = proofFits(contacts);
      const bytes = encode({ type: "NODES", rid: MAX_RID, sender: identity.id, contacts, token: new Uint8Array(16), ...(fits ? { proof } : {}) }).length;
      sizes.push(`${String(v6)}:${String(bytes)}${fits ? "+proof" : ""}`);
      expect(bytes).toBeLessThanOrEqual(MAX_DATAGRAM_BYTES);
      expect(fits).toBe(v6 <= 15);
    }
    console.log(`NODES bytes by IPv6 contacts of 20: ${sizes.join(" ")}`);
  });
});
