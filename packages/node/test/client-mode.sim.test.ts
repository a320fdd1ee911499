import { describe, expect, it } from "vitest";
import { createNode, identityFromSeed } from "../src/index.js";
import type { PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";

/**
 * Clients (docs/protocol.md 10.8): a node that declares itself a client (PONG key 10) uses the
 * DHT like any node but never enters a routing table, so no NODES reply hands it out. 30
 * nodes with the engine's defaults for admission (identity proofs on), one more joining as
 * a client (or, the control, as a server), then lookups everywhere for a while.
 */
async function run(seed: number, clientMode: "client" | "server") {
  const net = await createTestnet({ size: 30, seed, init: { verifyIdentities: true } });
  const joiner: PlexusNode = createNode({
    transport: net.network.createTransport(), clock: net.clock,
    random: net.random.fork(), identity: identityFromSeed(net.random.bytes(32)),
  }, { clientMode, verifyIdentities: true, keepAliveIntervalMs: 0 });
  await net.settle(joiner.start());
  await net.settle(joiner.join(net.nodes[0]!.address!));
  const key = net.random.bytes(32);
  const put = await net.settle(joiner.putValue(key, new Uint8Array([1, 2, 3])));
  for (const node of net.nodes.slice(0, 10)) await net.settle(node.findNode(joiner.id));
  const got = await net.settle(net.nodes[5]!.getValue(key));
  const holding = net.nodes.filter((n) => n.table.get(joiner.id) !== undefined).length;
  const handedOut = (await net.settle(net.nodes[9]!.findNode(joiner.id))).some((c) => c.id.every((b, i) => b === joiner.id[i]));
  const stats = joiner.stats();
  await net.settle(joiner.stop());
  await net.stop();
  return { stored: put.stored, got, holding, handedOut, client: stats.client, table: stats.tableSize };
}

describe("client mode", () => {
  it("seed 7: a client stores and reads, and no node keeps it or hands it out; a server joiner is kept", async () => {
    const client = await run(7, "client");
    const server = await run(7, "server");
    console.log(`client: stored on ${client.stored}, own table ${client.table}, in ${client.holding}/30 tables, handed out: ${client.handedOut}; ` +
      `server (control): stored on ${server.stored}, own table ${server.table}, in ${server.holding}/30 tables, handed out: ${server.handedOut}`);
    expect(client.client).toBe(true);
    expect(client.stored).toBeGreaterThan(0);
    expect(client.table).toBeGreaterThan(0);
    expect(client.got).toEqual(new Uint8Array([1, 2, 3]));
    expect(client.holding).toBe(0);
    expect(client.handedOut).toBe(false);
    expect(server.holding).toBeGreaterThan(5);
    expect(server.handedOut).toBe(true);
  }, 120_000);
});
