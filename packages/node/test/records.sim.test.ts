import { describe, expect, it } from "vitest";
import type { Address, RecordStore } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryStore } from "@plexus/storage";
import { createMemoryNetwork } from "@plexus/transport-memory";
import type { MemoryNetwork } from "@plexus/transport-memory";
import { ProtocolErrorCode, createCodec } from "@plexus/wire";
import type { KademliaMessage as Message } from "@plexus/wire";
import { isPlexusError } from "@plexus/core";
import { createNode, identityFromPrivateKey, makeIdProof, sha256, signMutableRecord } from "../src/index.js";
import type { NodeInit, PlexusNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";

/** A codec of this test's own. */
const { decode, encode } = createCodec();

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : new TextDecoder().decode(b));

interface Net {
  clock: ManualClock;
  network: MemoryNetwork;
  nodes: PlexusNode[];
  stores: RecordStore[];
  settle<T>(p: Promise<T>): Promise<T>;
}

/** `size` nodes with seeded ed25519 identities, each joined through the first. */
async function build(seed: number, size: number, init: NodeInit = {}): Promise<Net> {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: { minMs: 5, maxMs: 20 } });
  const settle = <T>(p: Promise<T>): Promise<T> => settleOn(clock, p, 600_000);
  const nodes: PlexusNode[] = [];
  const stores: RecordStore[] = [];
  for (let i = 0; i < size; i++) {
    const r = random.fork();
    const store = createMemoryStore({ clock });
    const node = createNode({ transport: network.createTransport(), clock, random: r, store, identity: identityFromPrivateKey(r.bytes(32)) },
      { keepAliveIntervalMs: 0, verifyIdentities: true, ...init });
    await settle(node.start());
    if (i > 0) await settle(node.join(nodes[0]!.address!));
    nodes.push(node);
    stores.push(store);
  }
  return { clock, network, nodes, stores, settle };
}

/** A raw endpoint on the simulated network: sends datagrams, answers nothing unless told. */
async function rawPeer(net: Net, onMessage?: (m: Message, from: Address, send: (to: Address, m: Message) => void) => void) {
  const transport = net.network.createTransport();
  const inbox: Message[] = [];
  const send = (to: Address, m: Message): void => transport.send(to, encode(m));
  transport.onDatagram((data, from) => {
    const m = decode(data);
    inbox.push(m);
    onMessage?.(m, from, send);
  });
  await net.settle(transport.start());
  return { transport, inbox, send };
}

describe("verifiable records on 12 simulated nodes (seed 7)", () => {
  it("immutable items: a reader skips forged copies and finds the real one", async () => {
    const net = await build(7, 12);
    const [a, b] = net.nodes as [PlexusNode, PlexusNode];
    const value = bytes("the real content");
    const put = await net.settle(a.putImmutable(value));
    expect(put.stored).toBeGreaterThan(5);
    const key = sha256(value);
    // Every store but two now holds a forged value under the key (a malicious majority).
    for (const [i, store] of net.stores.entries()) {
      if (i < 2) continue;
      await store.put({ key, value: bytes("forged"), expiresAt: net.clock.now() + 1e6, storedAt: net.clock.now() });
    }
    expect(text(await net.settle(net.nodes[5]!.getImmutable(key)))).toBe("the real content");
    expect(text(await net.settle(b.getImmutable(key)))).toBe("the real content");
    await net.settle(Promise.all(net.nodes.map((n) => n.stop())));
  });

  it("mutable items: highest valid seq wins; old, replayed, cas-mismatched and forged records are refused", async () => {
    const net = await build(8, 12);
    const [owner, reader] = net.nodes as [PlexusNode, PlexusNode];
    const pk = owner.identity!.publicKey;
    const salt = bytes("status");
    const r1 = await net.settle(owner.putMutable({ value: bytes("v1"), seq: 1, salt }));
    expect(r1.stored).toBeGreaterThan(5);
    expect(text((await net.settle(reader.getMutable(pk, { salt })))?.value)).toBe("v1");
    await net.settle(owner.putMutable({ value: bytes("v2"), seq: 2, salt, cas: 1 }));
    expect((await net.settle(reader.getMutable(pk, { salt })))?.seq).toBe(2);

    const refusal = (p: Promise<unknown>) => net.settle(p.then(() => "stored", (e: unknown) => (isPlexusError(e) ? e.code : String(e))));
    expect(await refusal(owner.putMutable({ value: bytes("old"), seq: 1, salt }))).toBe("ERR_SEQ_TOO_OLD");
    expect(await refusal(owner.putMutable({ value: bytes("v2 again, changed"), seq: 2, salt }))).toBe("ERR_SEQ_TOO_OLD");
    expect(await refusal(owner.putMutable({ value: bytes("v3"), seq: 3, salt, cas: 1 }))).toBe("ERR_CAS_MISMATCH");
    expect(await refusal(reader.putMutable({ value: bytes("x"), seq: 0 }))).toBe("stored"); // another owner, another key

    // A forged seq-9 copy (bad signature) and a stale seq-1 copy planted in some stores are ignored.
    const owned = owner.identity!;
    const key = signMutableRecord(owned, { value: bytes("v2"), seq: 2, salt }).key;
    const forged = signMutableRecord(owned, { value: bytes("forged"), seq: 9, salt }).bytes.slice();
    forged[forged.length - 1]! ^= 1;
    const stale = signMutableRecord(owned, { value: bytes("v1"), seq: 1, salt }).bytes;
    for (const [i, store] of net.stores.entries()) {
      if (i === 0) continue;
      const value = i % 3 === 0 ? forged : i % 3 === 1 ? stale : undefined;
      if (value) await store.put({ key, value, expiresAt: net.clock.now() + 1e6, storedAt: net.clock.now() });
    }
    const got = await net.settle(net.nodes[4]!.getMutable(pk, { salt }));
    expect(got?.seq).toBe(2);
    expect(text(got?.value)).toBe("v2");
    // A node given only an id (no identity) cannot sign.
    const bare = createNode({ transport: net.network.createTransport(), clock: net.clock, random: new SeededRandom(1), id: new Uint8Array(32).fill(1) });
    await expect(bare.putMutable({ value: bytes("x"), seq: 1 })).rejects.toMatchObject({ code: "ERR_NO_IDENTITY" });
    await net.settle(Promise.all(net.nodes.map((n) => n.stop())));
  });

  it("STORE needs the token the receiver gave the sender's address (spoofing fails)", async () => {
    const net = await build(9, 4);
    const target = net.nodes[1]!;
    const key = sha256(bytes("k"));
    const honest = await rawPeer(net);
    const spoofer = await rawPeer(net);
    const sender = new Uint8Array(32).fill(0x42);
    const store = (token?: Uint8Array): Message => ({
      type: "STORE", rid: 1, sender, key, value: bytes("v"), ttlMs: 60_000, ...(token ? { token } : {}),
    });
    const last = (inbox: Message[]) => inbox[inbox.length - 1];
    // No token.
    honest.send(target.address!, store());
    await net.clock.advanceAsync(100);
    expect(last(honest.inbox)).toMatchObject({ type: "ERROR", code: ProtocolErrorCode.BAD_TOKEN });
    // A FIND_NODE that does not ask for a token gets none (no HMAC per lookup reply).
    honest.send(target.address!, { type: "FIND_NODE", rid: 2, sender, target: key });
    await net.clock.advanceAsync(100);
    const plain = last(honest.inbox);
    expect(plain?.type === "NODES" && plain.token).toBeUndefined();
    // The honest peer asks FIND_NODE with wantToken and gets a token bound to its own address.
    honest.send(target.address!, { type: "FIND_NODE", rid: 3, sender, target: key, wantToken: true });
    await net.clock.advanceAsync(100);
    const nodes = last(honest.inbox);
    const token = nodes?.type === "NODES" ? nodes.token : undefined;
    expect(token?.length).toBe(16);
    // The spoofer presents the honest peer's token from its own address: refused.
    spoofer.send(target.address!, store(token));
    await net.clock.advanceAsync(100);
    expect(last(spoofer.inbox)).toMatchObject({ type: "ERROR", code: ProtocolErrorCode.BAD_TOKEN });
    // A wrong token from the right address: refused. The right one: stored.
    honest.send(target.address!, store(new Uint8Array(16).fill(1)));
    await net.clock.advanceAsync(100);
    expect(last(honest.inbox)).toMatchObject({ type: "ERROR", code: ProtocolErrorCode.BAD_TOKEN });
    honest.send(target.address!, store(token));
    await net.clock.advanceAsync(100);
    expect(last(honest.inbox)).toMatchObject({ type: "STORED" });
    expect(target.stats().storesRejected).toBe(3);
    await net.settle(Promise.all(net.nodes.map((n) => n.stop())));
  });

  it("a peer claiming an id it cannot prove is not admitted; the control without verification is", async () => {
    for (const verify of [true, false]) {
      const net = await build(10, 3, { verifyIdentities: verify });
      const victim = net.nodes[2]!;
      const target = net.nodes[1]!;
      const impostor = identityFromPrivateKey(new Uint8Array(32).fill(0x99));
      // Claims the victim's id; answers PINGs, and a nonce with a proof made by its own key.
      const fake = new Uint8Array(32).fill(0x77);
      const raw = await rawPeer(net, (m, from, send) => {
        if (m.type !== "PING") return;
        const proof = m.nonce ? makeIdProof(impostor, m.nonce, m.sender) : undefined;
        send(from, { type: "PONG", rid: m.rid, sender: fake, ...(proof ? { proof } : {}) });
      });
      raw.send(target.address!, { type: "FIND_NODE", rid: 5, sender: fake, target: fake });
      await net.clock.advanceAsync(5_000);
      expect(target.table.has(fake)).toBe(!verify);
      expect(target.table.has(victim.id)).toBe(true); // real peers proved theirs
      await net.settle(Promise.all(net.nodes.map((n) => n.stop())));
    }
  });
});
