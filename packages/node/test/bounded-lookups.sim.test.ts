import type { Address, Contact, NodeId, Transport } from "@plexus/core";
import { addressKey } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { createCodec } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { createNode } from "../src/index.js";
import type { NodeInit } from "../src/index.js";
import { drain } from "../src/query/drain.js";
import { settleOn } from "../src/testing/index.js";

const { decode, encode } = createCodec();

/** An id at XOR distance `n` (in its first 4 bytes, the rest 0) from `target`: smaller n, closer. */
function idAt(target: NodeId, n: number): NodeId {
  const id = target.slice();
  for (let i = 0; i < 4; i++) id[i] = target[i]! ^ ((n >>> (24 - 8 * i)) & 0xff);
  return id;
}

/** A node at 198.18.0.1 and a transport factory on the same simulated network (latency 10 ms). */
async function world(init: NodeInit = {}) {
  const clock = new ManualClock();
  const random = new SeededRandom(21);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
  const r = random.fork();
  // The liars list ids not bound to their addresses, which address-bound ids (docs/protocol.md
  // 10.9) would refuse before any request: off, so that the bounds under test meet them.
  const node = createNode({ transport: network.createTransport({ host: "198.18.0.1", port: 4000 }), clock, random: r, id: r.bytes(32) },
    { keepAliveIntervalMs: 0, addressBoundIds: false, ...init });
  await node.start();
  const transport = async (host: string): Promise<Transport> => {
    const t = network.createTransport({ host, port: 5000 });
    await t.start();
    return t;
  };
  return { clock, random, node, transport, run: <T>(p: Promise<T>) => settleOn(clock, p, 600_000) };
}

/**
 * Liars: every one answers a lookup with 20 contacts never listed before, each closer to the
 * target than the last, at liar addresses of their own, so an unbounded lookup never converges
 * while the pool lasts. Each answers under the id it was listed with.
 */
async function liars(make: (host: string) => Promise<Transport>, target: NodeId, size: number) {
  const pool: Transport[] = [];
  const idOf = new Map<string, NodeId>();
  let next = 0;
  let requests = 0;
  for (let i = 0; i < size; i++) {
    const t = await make(`198.18.${1 + (i >> 8)}.${i & 0xff}`);
    pool.push(t);
    t.onDatagram((data, from) => {
      const m = decode(data);
      if (m.type !== "FIND_NODE" && m.type !== "FIND_VALUE") return;
      requests++;
      const contacts: Contact[] = [];
      while (contacts.length < 20 && next < size) {
        const liar = pool[next]!;
        const id = idAt(target, 0xffffff - next++);
        idOf.set(addressKey(liar.address!), id);
        contacts.push({ id, ...liar.address! });
      }
      t.send(from, encode({ type: "NODES", rid: m.rid, sender: idOf.get(addressKey(t.address!))!, contacts }));
    });
  }
  const first = pool[next]!;
  const firstId = idAt(target, 0xffffff - next++);
  idOf.set(addressKey(first.address!), firstId);
  return { first: { id: firstId, ...first.address! } as Contact, requests: () => requests };
}

describe("bounded lookups", () => {
  it("a lookup kept busy by liars ends at its deadline with what it has, and sends nothing after", async () => {
    const { clock, random, node, transport, run } = await world({ lookupTimeoutMs: 500 });
    const target = random.bytes(32);
    const pack = await liars(transport, target, 2000);
    node.table.add(pack.first);
    const started = clock.now();
    const result = await run(drain(node.lookup(target)));
    const askedAtEnd = pack.requests();
    await run(new Promise<void>((resolve) => clock.setTimeout(() => resolve(), 10_000)));
    console.log(`lookup against 2,000 liars: ended after ${result.durationMs} ms (deadline 500), ${result.contacted} asked, ` +
      `timedOut ${result.timedOut}; ${pack.requests() - askedAtEnd} requests after the end`);
    expect(result.timedOut).toBe(true);
    expect(clock.now() - started).toBeLessThan(10_000 + 600);
    expect(result.durationMs).toBeGreaterThanOrEqual(500);
    expect(result.durationMs).toBeLessThan(600);
    expect(result.closest.length).toBeGreaterThan(0); // the answered ones still on the list: closer fakes pushed the rest out
    expect(pack.requests() - askedAtEnd).toBe(0);
    expect(node.stats().lookupTimeouts).toBe(1);
  });

  it("a get that times out says so instead of a definite not-found", async () => {
    const { random, node, transport, run } = await world({ lookupTimeoutMs: 500 });
    const key = random.bytes(32);
    const pack = await liars(transport, key, 2000);
    node.table.add(pack.first);
    const result = await run(drain(node.get(key)));
    expect(result.found).toBe(false);
    expect(!result.found && result.timedOut).toBe(true);
  });

  it("a responder listing 20 ids at one third address makes a lookup send there at most 3 datagrams", async () => {
    const { random, node, transport, run } = await world();
    const target = random.bytes(32);
    const victim = await transport("198.18.9.9");
    let atVictim = 0;
    victim.onDatagram(() => { atVictim++; });
    const liar = await transport("198.18.8.8");
    const liarId = idAt(target, 0xffffff);
    liar.onDatagram((data, from) => {
      const m = decode(data);
      if (m.type !== "FIND_NODE") return;
      const contacts: Contact[] = [];
      for (let i = 0; i < 20; i++) contacts.push({ id: idAt(target, 1000 + i), ...(victim.address as Address) });
      liar.send(from, encode({ type: "NODES", rid: m.rid, sender: liarId, contacts }));
    });
    node.table.add({ id: liarId, ...liar.address! });
    const result = await run(drain(node.lookup(target)));
    console.log(`a reply listing 20 ids at one victim address: ${atVictim} datagrams sent there by the lookup`);
    expect(result.timedOut).toBe(false);
    expect(atVictim).toBeGreaterThan(0);
    expect(atVictim).toBeLessThanOrEqual(3);
  });
});
