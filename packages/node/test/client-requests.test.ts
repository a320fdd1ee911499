import type { NodeId } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { createCodec } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { createNode } from "../src/index.js";
import type { ClientMode } from "../src/reachability/reachability.js";
import { settleOn } from "../src/testing/index.js";

const id = (head: number): NodeId => Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? head : 1));

/**
 * The client flag on requests (key 10 on PING, FIND_NODE, FIND_VALUE; docs/protocol.md 10.8,
 * BEP 43's read-only): a receiver keeps a client out of its table from its first request, and
 * drops it at once when a node it holds turns client, without a PING of its own.
 */
describe("client flag on requests", () => {
  it("costs 3 bytes and round-trips", () => {
    const { encode, decode } = createCodec();
    const sender = id(0);
    const plain = { type: "FIND_NODE", rid: 7, sender, target: id(9) } as const;
    const flagged = { ...plain, client: true } as const;
    expect(decode(encode(flagged))).toEqual(flagged);
    expect(decode(encode({ type: "PING", rid: 7, sender, client: true }))).toEqual({ type: "PING", rid: 7, sender, client: true });
    expect(decode(encode({ type: "FIND_VALUE", rid: 7, sender, key: id(3), client: true }))).toEqual({ type: "FIND_VALUE", rid: 7, sender, key: id(3), client: true });
    expect(encode(flagged).length - encode(plain).length).toBe(3);
  });

  it("keeps a client out from its first request, and removes a contact whose requests turn client", async () => {
    const clock = new ManualClock();
    const random = new SeededRandom(11);
    const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
    const run = <T>(promise: Promise<T>): Promise<T> => settleOn(clock, promise, 60_000);
    const make = async (nodeId: NodeId, clientMode: ClientMode, port = 0) => {
      const node = createNode({ transport: network.createTransport({ host: "127.0.0.9", port }), clock, random: random.fork(), id: nodeId },
        { keepAliveIntervalMs: 0, verifyIdentities: false, clientMode });
      await run(node.start());
      return node;
    };
    const a = await createNode({ transport: network.createTransport(), clock, random: random.fork(), id: id(0x00) },
      { keepAliveIntervalMs: 0, verifyIdentities: false });
    await run(a.start());
    const client = await make(id(0x80), "client");
    await run(client.ping(a.address!));
    await clock.advanceAsync(1000);
    const keptOut = !a.table.has(client.id);
    // A server with the same id and address enters a's table; then it comes back as a client.
    const server = await make(id(0xc0), "server", 5000);
    await run(server.ping(a.address!));
    await clock.advanceAsync(1000);
    const entered = a.table.has(server.id);
    const pingsBefore = a.stats().sent.PING ?? 0;
    await run(server.stop());
    const turned = await make(id(0xc0), "client", 5000);
    await run(turned.ping(a.address!));
    const dropped = !a.table.has(turned.id);
    console.log(`client kept out from its first request: ${keptOut}; server admitted: ${entered}; dropped on its first flagged request: ${dropped}, `
      + `PINGs a sent for it: ${(a.stats().sent.PING ?? 0) - pingsBefore}`);
    expect(keptOut).toBe(true);
    expect(entered).toBe(true);
    expect(dropped).toBe(true);
    expect((a.stats().sent.PING ?? 0) - pingsBefore).toBe(0);
    for (const node of [a, client, turned]) await run(node.stop());
  });
});
