import { isPlexusError, utf8 } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { SeededRandom } from "@plexus/core/testing";
import { identityFromPrivateKey, OriginKind, signOrigin } from "@plexus/node";
import type { NodeIdentity, PlexusNode } from "@plexus/node";
import { createTestnet } from "@plexus/node/testing";
import type { Testnet } from "@plexus/node/testing";
import { createCodec } from "@plexus/wire";
import type { OriginAuth } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { createRealtime, MESSAGE_ID_BYTES, realtimeMessages, topicKey } from "../src/index.js";
import { collect } from "./support/collect.js";
import type { Realtime, RealtimeInit, RealtimeStats } from "../src/index.js";

/**
 * Authenticated realtime origins (docs/protocol.md 10.7, docs/security.md): a PUBLISH,
 * DELIVER, DIRECT or REQUEST whose origin did not sign it reaches no application, a DELIVER
 * from a node the subscriber did not register with is dropped, and a rendezvous caps the
 * publications it takes from one origin.
 */

const { encode } = createCodec({ messages: realtimeMessages });
const SIZE = 20;

async function realtimeNet(seed: number, init: RealtimeInit = {}) {
  const layers = new Map<PlexusNode, Realtime>();
  const net = await createTestnet({ size: SIZE, seed, setup: (node) => layers.set(node, createRealtime(node, init)) });
  return { net, R: (node: PlexusNode): Realtime => layers.get(node)! };
}

/** Sum of a realtime counter over every node. */
function total(net: Testnet, R: (n: PlexusNode) => Realtime, field: keyof RealtimeStats): number {
  return net.live.reduce((n, node) => n + R(node).stats()[field], 0);
}

/** A raw sender in 198.18.8.0/24 that sends hand-made realtime requests. */
async function rawSender(net: Testnet) {
  const raw = net.network.createTransport({ host: "198.18.8.1", port: 6000 });
  await raw.start();
  let rid = 0;
  return {
    send: (to: PlexusNode, message: Record<string, unknown>): void => {
      raw.send(to.address!, encode({ ...message, rid: ++rid } as unknown as Parameters<typeof encode>[0]));
    },
    stop: () => raw.stop(),
  };
}

/** A fresh message id and its signature by `identity` for `kind` and `scope`. */
function signed(identity: NodeIdentity, random: SeededRandom, kind: 2 | 3 | 4, scope: NodeId, data: Uint8Array, seq: number):
  { id: Uint8Array; auth: OriginAuth } {
  const id = random.bytes(MESSAGE_ID_BYTES).slice();
  return { id, auth: signOrigin(identity, kind, { origin: identity.id, id, scope, data }, seq) };
}

describe(`authenticated realtime origins (${SIZE} nodes)`, () => {
  it("forged PUBLISH, DIRECT and REQUEST reach no application; a DELIVER from a non-rendezvous is dropped", async () => {
    const { net, R } = await realtimeNet(41);
    const random = new SeededRandom(4101);
    const mallory = identityFromPrivateKey(random.bytes(32).slice());
    const raw = await rawSender(net);
    const topic = topicKey("origins");
    const [alice, bob, carol] = [net.live[2]!, net.live[7]!, net.live[11]!];
    const sub = R(bob).subscribe(topic);
    expect(await net.settle(sub.ready)).toBe(3);
    const inbox = collect(sub);
    const direct: string[] = [];
    R(carol).on("message", (e) => direct.push(new TextDecoder().decode(e.data)));
    let handled = 0;
    R(carol).handleRequests((d) => { handled++; return d; });
    const data = utf8("I am alice");
    const rendezvous = net.trueClosest(topic, 3).map((id) => net.live.find((n) => n.id.every((b, i) => b === id[i]))!);
    try {
      for (const r of rendezvous) {
        // Unsigned, claiming alice; signed by mallory, claiming alice.
        raw.send(r, { type: "PUBLISH", sender: mallory.id, topic, id: random.bytes(16).slice(), origin: alice.id, hops: 0, data });
        const forged = signed(mallory, random, OriginKind.PUBLICATION, topic, data, 1);
        raw.send(r, { type: "PUBLISH", sender: mallory.id, topic, ...forged, origin: alice.id, hops: 0, data });
      }
      for (const type of ["DIRECT", "REQUEST"] as const) {
        raw.send(carol, { type, sender: mallory.id, id: random.bytes(16).slice(), origin: alice.id, data });
        const kind = type === "DIRECT" ? OriginKind.DIRECT : OriginKind.REQUEST;
        raw.send(carol, { type, sender: mallory.id, ...signed(mallory, random, kind, carol.id, data, 2), origin: alice.id, data });
        // Signed by mallory as itself, but for another recipient: not replayable at carol.
        raw.send(carol, { type, sender: mallory.id, ...signed(mallory, random, kind, bob.id, data, 3), origin: mallory.id, data });
      }
      // A DELIVER validly signed by its origin (mallory), from a node bob never registered with.
      const own = signed(mallory, random, OriginKind.PUBLICATION, topic, utf8("spam"), 4);
      raw.send(bob, { type: "DELIVER", sender: mallory.id, topic, ...own, origin: mallory.id, data: utf8("spam") });
      await net.run(5_000);
      // The control: alice's real publication reaches bob, with alice's id as its origin.
      await net.settle(R(alice).publish(topic, utf8("really alice")));
      await net.run(2_000);
      const refused = {
        unsigned: total(net, R, "originsUnsigned"), forged: total(net, R, "originsForged"),
        deliver: R(bob).stats().deliversRefused,
      };
      console.log(`forged realtime origins: ${inbox.length - 1} forged publications delivered, ${direct.length} direct ` +
        `messages, ${handled} requests handled (unsigned ${refused.unsigned}, forged ${refused.forged} dropped); ` +
        `DELIVERs from a non-rendezvous delivered: ${inbox.filter((m) => new TextDecoder().decode(m.data) === "spam").length} ` +
        `(${refused.deliver} refused); alice's own publication delivered ${inbox.length} time(s)`);
      expect(inbox.map((m) => new TextDecoder().decode(m.data))).toEqual(["really alice"]);
      expect(inbox[0]!.origin).toEqual(alice.id);
      expect(direct).toEqual([]);
      expect(handled).toBe(0);
      expect(refused.unsigned).toBe(3 + 2);
      expect(refused.forged).toBe(3 + 4);
      expect(refused.deliver).toBe(1);
    } finally {
      await sub.return();
      await raw.stop();
      await net.stop();
    }
  }, 60_000);

  it("a rendezvous takes a bounded number of publications from one origin", async () => {
    const { net, R } = await realtimeNet(42);
    const topic = topicKey("flood");
    const [spammer, listener] = [net.live[4]!, net.live[9]!];
    const sub = R(listener).subscribe(topic);
    await net.settle(sub.ready);
    const inbox = collect(sub);
    let accepted = 0;
    let failed = 0;
    // 500 publications over 5 s of clock from one origin (loopback: the per-origin limit alone).
    for (let i = 0; i < 500; i++) {
      R(spammer).publish(topic, utf8(`spam ${i}`)).then(() => accepted++, (err: unknown) => {
        if (isPlexusError(err)) failed++;
      });
      await net.run(10);
    }
    await net.run(15_000);
    console.log(`500 publications in 5 s from one origin: ${inbox.length} delivered to a subscriber, ` +
      `${total(net, R, "publishesLimited")} PUBLISHes dropped by the per-origin limit (20/s, burst 200)`);
    // 20/s for ~5 s plus a burst of 200, per rendezvous (a relay adds the others' share at most once).
    expect(inbox.length).toBeLessThanOrEqual(200 + 20 * 6);
    expect(inbox.length).toBeGreaterThanOrEqual(200);
    expect(accepted + failed).toBe(500);
    await sub.return();
    await net.stop();
  }, 60_000);
});
