import { isIPv4 } from "@plexus/core";
import type { NodeId, Transport } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork, dualStackTransport } from "@plexus/transport-memory";
import { MAX_DATAGRAM_BYTES, createCodec } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { createNode } from "../src/index.js";
import type { PlexusNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";

const same = (a: NodeId, b: NodeId): boolean => a.every((x, i) => x === b[i]);

/**
 * Dual-stack contacts (docs/protocol.md 10.11): 6 IPv4-only and 6 IPv6-only nodes, 2 dual-stack
 * bootstrap nodes, and a dual-stack node that joins over IPv4 only. It must reach the IPv6-only
 * nodes; IPv6-only nodes must be handed the IPv6 address of the dual nodes they learned of over
 * IPv4; an IPv4-only node is handed no IPv6 address it cannot use.
 */
async function run(seed: number) {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: { minMs: 5, maxMs: 40 } });
  const settle = <T>(p: Promise<T>): Promise<T> => settleOn(clock, p, 600_000);
  const init = { keepAliveIntervalMs: 25_000, verifyIdentities: false };
  const node = (transport: Transport, hosts: readonly string[]): PlexusNode =>
    createNode({ transport, clock, random: random.fork(), id: random.bytes(32), localHosts: () => hosts }, init);
  const v4 = Array.from({ length: 6 }, (_, i) => node(network.createTransport({ host: `198.18.${i + 1}.10`, port: 4000 }), [`198.18.${i + 1}.10`]));
  const v6 = Array.from({ length: 6 }, (_, i) => node(network.createTransport({ host: `fd00:0:0:${i + 1}::10`, port: 4000 }), [`fd00:0:0:${i + 1}::10`]));
  const dual = (i: number) => node(dualStackTransport(network, `198.18.${i}.10`, `fd00:0:0:${i.toString(16)}::10`, 4000), [`198.18.${i}.10`, `fd00:0:0:${i.toString(16)}::10`]);
  const boots = [dual(30), dual(31)];
  const joiner = dual(40);
  for (const n of [...boots, ...v4, ...v6, joiner]) await settle(n.start());
  await settle(boots[1]!.join([{ host: "198.18.30.10", port: 4000 }, { host: "fd00:0:0:1e::10", port: 4000 }]));
  for (const n of v4) await settle(n.join({ host: "198.18.30.10", port: 4000 }));
  for (const n of v6) await settle(n.join({ host: "fd00:0:0:1e::10", port: 4000 }));
  await settle(joiner.join({ host: "198.18.30.10", port: 4000 })); // over IPv4 only
  for (let round = 0; round < 3; round++) {
    for (const n of [...boots, ...v4, ...v6, joiner]) await settle(n.findNode(random.bytes(32)));
    await clock.advanceAsync(30_000);
  }
  // The joiner finds each IPv6-only node (its findNode ends with the node's own answer) and pings it there.
  let found6 = 0;
  for (const target of v6) {
    const closest = await settle(joiner.findNode(target.id));
    const hit = closest.find((c) => same(c.id, target.id));
    if (hit && !isIPv4(hit.host) && (await settle(joiner.ping(hit).then(() => true, () => false)))) found6++;
  }
  // IPv6-only nodes look up the joiner (known to the bootstrap nodes by its IPv4 address first).
  let joinerAt6 = 0;
  for (const n of v6) {
    const hit = (await settle(n.findNode(joiner.id))).find((c) => same(c.id, joiner.id));
    if (hit && !isIPv4(hit.host)) joinerAt6++;
  }
  // An IPv4-only node is handed no IPv6 address.
  let v6HandedTo4 = 0;
  for (const n of v4) v6HandedTo4 += (await settle(n.findNode(random.bytes(32)))).filter((c) => !isIPv4(c.host)).length;
  for (const n of [...boots, ...v4, ...v6, joiner]) await settle(n.stop());
  return { found6, joinerAt6, v6HandedTo4 };
}

describe("dual-stack contacts", () => {
  it("seed 5: a dual node joined over IPv4 reaches IPv6-only nodes, which get its IPv6 address; IPv4-only nodes get no IPv6", async () => {
    const r = await run(5);
    console.log(`dual joiner (joined over IPv4) reached ${r.found6}/6 IPv6-only nodes at their IPv6 address; `
      + `IPv6-only nodes found it at its IPv6 address: ${r.joinerAt6}/6; IPv6 addresses handed to IPv4-only nodes: ${r.v6HandedTo4}`);
    expect(r.found6).toBe(6);
    expect(r.joinerAt6).toBe(6);
    expect(r.v6HandedTo4).toBe(0);
  }, 120_000);

  it("NODES with 20 IPv6 contacts still fits 1,232 bytes, and a FIND_NODE with an IPv6 alt address is 99 bytes", () => {
    const { encode } = createCodec();
    const sender = new Uint8Array(32).fill(1);
    const contacts = Array.from({ length: 20 }, (_, i) => ({ id: new Uint8Array(32).fill(i), host: `fd00:0:0:${i + 1}::10`, port: 65535 }));
    const nodes = encode({ type: "NODES", rid: 0xffffffff, sender, contacts, token: new Uint8Array(16) }).length;
    const find = encode({ type: "FIND_NODE", rid: 0xffffffff, sender, target: sender, alt: { host: "fd00:0:0:1::10", port: 65535 }, client: true, token: new Uint8Array(16) }).length;
    console.log(`NODES with 20 IPv6 contacts and a token: ${nodes} B (limit ${MAX_DATAGRAM_BYTES}); FIND_NODE with alt, client flag and token: ${find} B`);
    expect(nodes).toBeLessThanOrEqual(MAX_DATAGRAM_BYTES);
    expect(find).toBeLessThan(200);
  });
});
