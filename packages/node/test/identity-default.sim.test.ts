import type { Address, NodeId } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { createCodec } from "@plexus/wire";
import type { KademliaMessage } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { isIdBoundTo } from "@plexus/core";
import { createNode, identityFromSeed, idOfPublicKey, keyProvesId, makeIdProof } from "../src/index.js";
import type { NodeComponents, NodeInit, PlexusNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";

const { decode, encode } = createCodec();

/** Nodes at chosen addresses of 198.18.0.0/15 (not loopback: every per-address rule applies). */
function world(seed: number) {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
  const make = async (host: string, extra: Partial<NodeComponents> = {}, init?: NodeInit): Promise<PlexusNode> => {
    const node = createNode({ transport: network.createTransport({ host, port: 4000 }), clock, random: random.fork(), ...extra }, init);
    await node.start();
    return node;
  };
  const run = <T>(promise: Promise<T>): Promise<T> => settleOn(clock, promise, 600_000);
  return { clock, network, make, run };
}

/**
 * A raw endpoint at `host` that answers every PING with a PONG claiming `claimed`; to a
 * PING with a nonce it adds `proof` ("own-key": a valid proof made by its own key, whose
 * hash is not `claimed`; "none": no proof).
 */
async function impostor(network: ReturnType<typeof world>["network"], host: string, claimed: NodeId, proof: "own-key" | "none") {
  const key = identityFromSeed(new Uint8Array(32).fill(0x99));
  const transport = network.createTransport({ host, port: 4000 });
  transport.onDatagram((data, from: Address) => {
    const m = decode(data);
    if (m.type !== "PING") return;
    const extra = m.nonce !== undefined && proof === "own-key" ? { proof: makeIdProof(key, m.nonce, m.sender) } : {};
    transport.send(from, encode({ type: "PONG", rid: m.rid, sender: claimed, ...extra } as KademliaMessage));
  });
  await transport.start();
  return transport;
}

describe("identity verification is the engine's default", () => {
  it("a node given no id nor identity makes its identity from its Random: it proves its id, and the same seed gives the same id", async () => {
    const { make } = world(1);
    const a = await make("198.18.0.1");
    expect(a.identity).toBeDefined();
    // At a public address the id is SHA-256(publicKey) with its top 21 bits bound to the address (10.9).
    expect(keyProvesId(a.identity!.publicKey, a.id)).toBe(true);
    expect(a.id.subarray(3)).toEqual(idOfPublicKey(a.identity!.publicKey).subarray(3));
    expect(isIdBoundTo(a.id, "198.18.0.1")).toBe(true);
    const again = await world(1).make("198.18.0.1");
    expect(again.id).toEqual(a.id);
    const forced = await make("198.18.0.2", { id: new Uint8Array(32).fill(4) });
    expect(forced.identity).toBeUndefined(); // a forced id alone cannot be proven
    expect(() => createNode({ transport: world(2).network.createTransport(), identity: a.identity!, id: new Uint8Array(32).fill(4) }))
      .toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
  });

  it("a default node admits honest nodes, not one with a forced id it cannot prove", async () => {
    const { clock, make, run } = world(2);
    const victim = await make("198.18.0.1");
    const honest: PlexusNode[] = [];
    for (let i = 0; i < 5; i++) honest.push(await make(`198.18.${10 + i}.1`));
    const forced = await make("198.18.20.1", { id: new Uint8Array(32).fill(4) });
    for (const node of [...honest, forced]) {
      await run(node.ping(victim.address!));
      await run(victim.ping(node.address!));
    }
    await clock.advanceAsync(5_000);
    for (const node of honest) expect(victim.table.get(node.id)?.host).toBe(node.address!.host);
    expect(victim.table.has(forced.id)).toBe(false);
    expect(victim.table.size).toBe(honest.length);
  });

  it("a PONG claiming a known id X with a forged or absent proof never takes X's entry, even after X is gone; the control without verification nor address binding does", async () => {
    const outcome: Record<string, string | undefined> = {};
    for (const [label, init, proof] of [
      ["default, proof by another key", undefined, "own-key"],
      ["default, no proof", undefined, "none"],
      ["verifyIdentities: false, address-bound ids alone", { verifyIdentities: false }, "none"],
      ["verifyIdentities and addressBoundIds off (control)", { verifyIdentities: false, addressBoundIds: false }, "none"],
    ] as const) {
      const { clock, network, make, run } = world(3);
      const victim = await make("198.18.0.1", {}, init);
      const x = await make("198.18.1.1");
      await run(victim.ping(x.address!));
      await clock.advanceAsync(5_000);
      expect(victim.table.get(x.id)?.host).toBe("198.18.1.1");
      const attacker = await impostor(network, "198.18.66.6", x.id, proof);
      // While X is alive: the claim is refused, X keeps its address.
      for (let i = 0; i < 3; i++) {
        expect((await run(victim.ping(attacker.address!))).id).toEqual(x.id);
        await clock.advanceAsync(5_000);
      }
      expect(victim.table.get(x.id)?.host).toBe("198.18.1.1");
      // X goes away; the attacker keeps claiming its id for 30 minutes (past FRESH_CONTACT_MS,
      // 15 min, after which a claim makes the victim ping X's old address and evict it).
      await x.stop();
      for (let i = 0; i < 30; i++) {
        await run(victim.ping(attacker.address!));
        await clock.advanceAsync(60_000);
      }
      outcome[label] = victim.table.get(x.id)?.host;
    }
    console.log("X's table entry after X left and an impostor kept claiming its id:", outcome);
    expect(outcome["default, proof by another key"]).toBeUndefined(); // X was evicted (gone), the impostor never entered
    expect(outcome["default, no proof"]).toBeUndefined();
    // X's id is bound to X's address, not the impostor's: refused there without any proof (10.9).
    expect(outcome["verifyIdentities: false, address-bound ids alone"]).toBeUndefined();
    expect(outcome["verifyIdentities and addressBoundIds off (control)"]).toBe("198.18.66.6");
  });
});
