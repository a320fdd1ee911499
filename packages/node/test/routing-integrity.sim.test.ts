import type { Address } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { createCodec } from "@plexus/wire";
import type { KademliaMessage } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { subnetOf } from "../src/routing/subnet-limits.js";
import { createNode } from "../src/index.js";
import type { NodeInit, PlexusNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";

const { decode, encode } = createCodec();

/** A network of nodes at addresses of our choosing (198.18.0.0/15, not loopback: limits apply). */
function world(seed: number) {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
  const make = async (host: string, init: NodeInit = {}): Promise<PlexusNode> => {
    // Engine defaults: an identity from the node's Random, ids verified before admission.
    const node = createNode({ transport: network.createTransport({ host, port: 4000 }), clock, random: random.fork() },
      { keepAliveIntervalMs: 0, ...init });
    await node.start();
    return node;
  };
  const run = <T>(promise: Promise<T>): Promise<T> => settleOn(clock, promise, 600_000);
  return { clock, random, network, make, run };
}

/** Contacts of `node`'s table by subnet. */
function bySubnet(node: PlexusNode): Map<string, number> {
  const counts = new Map<string, number>();
  const all = node.table.nonEmptyBuckets().flatMap((index) => [...node.table.bucketContacts(index)]);
  for (const c of all) counts.set(subnetOf(c.host)!, (counts.get(subnetOf(c.host)!) ?? 0) + 1);
  return counts;
}

describe("routing-table integrity", () => {
  it("one /24 holds at most 2 contacts of a bucket and 10 of the table, however many ids it brings", async () => {
    // Seed 6: the sybils' ids could fill 13 slots under the per-bucket limit, so the table limit (10) is what binds.
    const { make, run, clock } = world(6);
    const victim = await make("198.18.0.1");
    const honest: PlexusNode[] = [];
    for (let i = 0; i < 20; i++) honest.push(await make(`198.18.${10 + i}.1`));
    const sybils: PlexusNode[] = [];
    for (let i = 0; i < 60; i++) sybils.push(await make(`198.19.7.${i + 1}`));
    // Everyone talks to the victim and the victim to everyone: requests and replies both.
    for (const node of [...honest, ...sybils]) {
      await run(node.ping(victim.address!));
      await run(victim.ping(node.address!));
      await clock.advanceAsync(5_000); // the id proof (a retry with an address token at first contact)
    }
    const counts = bySubnet(victim);
    const size = victim.table.size;
    const sybilShare = (counts.get("198.19.7") ?? 0) / size;
    console.log(`one /24 with 60 ids: ${counts.get("198.19.7")} of ${size} table contacts (${(100 * sybilShare).toFixed(0)}%)`);
    expect(counts.get("198.19.7")).toBe(10);
    for (const c of honest) expect(victim.table.has(c.id)).toBe(true);
    for (let index = 0; index < 256; index++) {
      const inBucket = victim.table.bucketContacts(index).filter((c) => subnetOf(c.host) === "198.19.7").length;
      expect(inBucket).toBeLessThanOrEqual(2);
    }
    // A sybil leaving frees its slot for another of its subnet, never more than the limit.
    await Promise.all(sybils.filter((s) => victim.table.has(s.id)).slice(0, 3).map((s) => s.stop()));
    for (const node of sybils) if (node.started) await run(victim.ping(node.address!).catch(() => undefined));
    expect(bySubnet(victim).get("198.19.7")).toBeLessThanOrEqual(10);
  });

  it("the limits can be lifted (Infinity), and loopback addresses are exempt", async () => {
    const { make, run, clock } = world(2);
    const victim = await make("198.18.0.1", { maxContactsPerSubnet: Infinity, maxContactsPerSubnetPerBucket: Infinity });
    for (let i = 0; i < 15; i++) {
      const node = await make(`198.19.7.${i + 1}`);
      await run(node.join(victim.address!));
      await run(node.ping(victim.address!)); // presents the address token the join got: now proven, admitted
    }
    await clock.advanceAsync(5000); // admission PINGs of neighbours
    expect(bySubnet(victim).get("198.19.7")).toBe(15);
    expect(subnetOf("127.0.0.5")).toBeUndefined();
    expect(subnetOf("::1")).toBeUndefined();
    expect(subnetOf("::ffff:198.19.7.1")).toBe("198.19.7");
    expect(subnetOf("fd00:1:2:3:4::1")).toBe(subnetOf("fd00:1:2:3:ffff::9"));
  });

  it("a PONG claiming a known id does not move that id's entry to the responder's address", async () => {
    const { make, run, network, clock } = world(3);
    const victim = await make("198.18.0.1");
    const target = await make("198.18.1.1");
    await run(victim.ping(target.address!));
    await clock.advanceAsync(5_000); // the id proof (a retry with an address token at first contact)
    expect(victim.table.get(target.id)?.host).toBe("198.18.1.1");
    // The attacker answers every PING with a PONG in the target's name.
    const attacker = network.createTransport({ host: "198.18.66.6", port: 4000 });
    attacker.onDatagram((data, from: Address) => {
      const m = decode(data);
      if (m.type === "PING") attacker.send(from, encode({ type: "PONG", rid: m.rid, sender: target.id } as KademliaMessage));
    });
    await attacker.start();
    const answered = await run(victim.ping(attacker.address!));
    expect(answered.id).toEqual(target.id); // ping() reports who answered, as it claimed
    expect(victim.table.get(target.id)?.host).toBe("198.18.1.1");
  });

  it("a reply from another node than the one asked fails the request and counts against that contact", async () => {
    const { make, run, network, clock } = world(4);
    const victim = await make("198.18.0.1");
    const peer = await make("198.18.1.1");
    await run(victim.ping(peer.address!));
    await clock.advanceAsync(5_000); // the id proof (a retry with an address token at first contact)
    await peer.stop();
    // Another node now answers at the peer's address, under its own id.
    const squatter = network.createTransport({ host: "198.18.1.1", port: 4000 });
    const squatterId = new Uint8Array(32).fill(7);
    squatter.onDatagram((data, from) => {
      const m = decode(data);
      if (m.type === "FIND_NODE") squatter.send(from, encode({ type: "NODES", rid: m.rid, sender: squatterId, contacts: [] }));
    });
    await squatter.start();
    await run(victim.findNode(new Uint8Array(32).fill(3)));
    expect(victim.stats().badReplies).toBeGreaterThan(0);
    expect(victim.table.has(squatterId)).toBe(false);
  });
});
