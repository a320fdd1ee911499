import { RoutingTable, bindId, isIdBoundTo, silentLog, toHex, utf8 } from "@plexus/core";
import type { Address, Log, NodeId } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { describe, expect, it } from "vitest";
import { createNode, idOfPublicKey, keyProvesId, sha256 } from "../src/index.js";
import type { NodeComponents, NodeInit, PlexusNode } from "../src/index.js";
import { IdBinding } from "../src/identity/id-binding.js";
import { settleOn } from "../src/testing/index.js";

/** Nodes at chosen addresses (198.18.0.0/15 is public here: address binding applies). */
function world(seed: number) {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
  const make = async (host: string, init: NodeInit = {}, extra: Partial<NodeComponents> = {}): Promise<PlexusNode> => {
    const node = createNode({ transport: network.createTransport({ host, port: 4000 }), clock, random: random.fork(), ...extra },
      { keepAliveIntervalMs: 0, ...init });
    await node.start();
    return node;
  };
  const run = <T>(promise: Promise<T>): Promise<T> => settleOn(clock, promise, 600_000, "address-bound-ids");
  return { clock, make, run };
}

describe("address-bound node ids (docs/protocol.md 10.9)", () => {
  it("a server on a public address moves to the id bound to it at start: its key still proves it, and stats say so", async () => {
    const { make } = world(1);
    const a = await make("198.18.7.9");
    const keyId = idOfPublicKey(a.identity!.publicKey);
    expect(toHex(a.id)).not.toBe(toHex(keyId));
    expect(isIdBoundTo(a.id, "198.18.7.9")).toBe(true);
    expect(a.id.subarray(3)).toEqual(keyId.subarray(3)); // 235 bits of the key's hash kept
    expect(keyProvesId(a.identity!.publicKey, a.id)).toBe(true);
    expect(a.table.self).toEqual(a.id);
    expect(a.stats()).toMatchObject({ idRebinds: 1, idBinding: "bound" });
    // Loopback and private addresses are exempt; the option turns the whole rule off.
    for (const [host, init, state] of [["127.0.0.5", {}, "exempt"], ["10.1.2.3", {}, "exempt"], ["198.18.7.10", { addressBoundIds: false }, "off"]] as const) {
      const b = await make(host, init);
      expect(b.id, host).toEqual(idOfPublicKey(b.identity!.publicKey));
      expect(b.stats(), host).toMatchObject({ idRebinds: 0, idBinding: state });
    }
  });

  it("seed 2: 30 servers on public addresses with id proofs join, put and get; tables hold bound ids only; an unbound node is kept out", async () => {
    const { make, run } = world(2);
    const init: NodeInit = { verifyIdentities: true };
    const nodes: PlexusNode[] = [await make("198.18.0.1", init)];
    for (let i = 2; i <= 30; i++) {
      const node = await make(`198.18.${i}.${i}`, init);
      await run(node.join(nodes[0]!.address!));
      nodes.push(node);
    }
    // One node that does not bind (an older version): it works as a client would, but no table admits it.
    const stray = await make("198.18.99.1", { ...init, addressBoundIds: false });
    await run(stray.join(nodes[5]!.address!));
    const key = sha256(utf8("bound"));
    const put = await run(nodes[3]!.putValue(key, utf8("v")));
    expect(put.stored).toBeGreaterThanOrEqual(10);
    expect(await run(nodes[20]!.getValue(key))).toEqual(utf8("v"));
    expect(await run(stray.getValue(key))).toEqual(utf8("v"));
    let contacts = 0, refused = 0;
    for (const node of nodes) {
      for (const c of node.table.contacts()) {
        contacts++;
        expect(isIdBoundTo(c.id, c.host), `${c.host} ${toHex(c.id)}`).toBe(true);
      }
      expect(node.table.has(stray.id)).toBe(false);
      refused += node.stats().unboundIdsRefused;
    }
    console.log(`30 bound servers: ${contacts} table entries, all bound; the unbound node was refused ${refused} times, in 0 tables`);
    expect(contacts).toBeGreaterThan(30 * 10);
    expect(refused).toBeGreaterThan(0);
    await Promise.all([...nodes, stray].map((n) => n.stop()));
  }, 120_000);

  it("a server that learns its public address later moves then: table rebased, new id announced, a warning logged", () => {
    const self: NodeId = new Uint8Array(32).fill(0x5a);
    const table = new RoutingTable(self, { k: 4 });
    const random = new SeededRandom(3);
    for (let i = 0; i < 40; i++) table.add({ id: random.bytes(32), host: `198.18.${i}.1`, port: 4000 });
    const before = table.size;
    const peers: { observed?: Address } = {};
    const warnings: string[] = [];
    const log: Log = { ...silentLog, warn: (message) => warnings.push(message) };
    const counters = { unboundIdsRefused: 0, idRebinds: 0 };
    const dropped: unknown[] = [];
    let announced = 0;
    const binding = new IdBinding({ self, table, counters, isClient: () => false, bound: () => ({ host: "10.0.0.2", port: 4000 }),
      observed: () => peers.observed, localHosts: () => [], dropped: (c) => dropped.push(c), announce: () => announced++, log }, true);
    binding.check();
    expect(binding.state).toBe("exempt"); // a private address: nothing to do
    peers.observed = { host: "203.0.113.9", port: 4000 }; // its peers' PONGs agree on a public address (a 1:1 NAT)
    expect(binding.state).toBe("unbound");
    binding.check();
    expect(toHex(self)).toBe(toHex(bindId(new Uint8Array(32).fill(0x5a), "203.0.113.9")));
    expect(table.self).toEqual(self);
    expect(table.size + dropped.length).toBe(before);
    for (const c of table.contacts()) expect(table.bucketIndexOf(c.id)).toBeGreaterThanOrEqual(0);
    expect({ state: binding.state, counters, announced, warnings }).toEqual({
      state: "bound", counters: { unboundIdsRefused: 0, idRebinds: 1 }, announced: 1, warnings: ["id bound to public address"],
    });
    binding.check(); // bound now: nothing more
    expect(counters.idRebinds).toBe(1);
    expect(binding.allows(new Uint8Array(32), "198.18.0.1")).toBe(isIdBoundTo(new Uint8Array(32), "198.18.0.1"));
    expect(binding.allows(new Uint8Array(32), "127.0.0.1")).toBe(true);
    expect(binding.allows(bindId(new Uint8Array(32), "198.18.0.1"), "198.18.0.1")).toBe(true);
  });

  it("a client never moves (it is in no table)", () => {
    const self: NodeId = new Uint8Array(32).fill(1);
    const counters = { unboundIdsRefused: 0, idRebinds: 0 };
    const binding = new IdBinding({ self, table: new RoutingTable(self), counters, isClient: () => true, bound: () => ({ host: "0.0.0.0", port: 1 }),
      observed: () => ({ host: "203.0.113.9", port: 1 }), localHosts: () => [], dropped: () => undefined, announce: () => undefined, log: silentLog }, true);
    binding.check();
    expect(counters.idRebinds).toBe(0);
    expect(self).toEqual(new Uint8Array(32).fill(1));
  });

  it("bound to a wildcard: binds to its public interface address (IPv4 first) and stays there when peers see it over the other family", () => {
    const self: NodeId = new Uint8Array(32).fill(7);
    const counters = { unboundIdsRefused: 0, idRebinds: 0 };
    let observed: Address | undefined;
    const binding = new IdBinding({ self, table: new RoutingTable(self), counters, isClient: () => false, bound: () => ({ host: "::", port: 4000 }),
      observed: () => observed, localHosts: () => ["127.0.0.1", "::1", "2001:db8::10", "fd00::10", "198.18.1.10"],
      dropped: () => undefined, announce: () => undefined, log: silentLog }, true);
    binding.check();
    expect(isIdBoundTo(self, "198.18.1.10")).toBe(true);
    for (const host of ["fd00::10", "2001:db8::10", "198.18.1.10"]) {
      observed = { host, port: 4000 };
      binding.check();
      expect(binding.state, host).toBe("bound");
    }
    expect(counters.idRebinds).toBe(1);
  });
});
