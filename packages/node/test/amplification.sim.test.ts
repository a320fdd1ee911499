import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { createCodec } from "@plexus/wire";
import type { KademliaMessage } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { createIdentity, createNode } from "../src/index.js";
import type { PlexusNode } from "../src/index.js";
import { drain } from "../src/query/drain.js";
import { settleOn } from "../src/testing/index.js";

const { encode } = createCodec();

/**
 * A node at 198.18.0.1 with 40 neighbours (so a NODES reply is full) and identity checks on,
 * as the facade runs it; addresses outside loopback, so every defence applies.
 */
async function world() {
  const clock = new ManualClock();
  const random = new SeededRandom(31);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
  const make = async (host: string): Promise<PlexusNode> => {
    const identity = await createIdentity();
    const node = createNode({ transport: network.createTransport({ host, port: 4000 }), clock, random: random.fork(), identity },
      { keepAliveIntervalMs: 0, verifyIdentities: true });
    await node.start();
    return node;
  };
  const run = <T>(promise: Promise<T>): Promise<T> => settleOn(clock, promise, 600_000);
  const node = await make("198.18.0.1");
  const neighbours: PlexusNode[] = [];
  for (let i = 0; i < 40; i++) {
    const n = await make(`198.18.${10 + i}.1`);
    neighbours.push(n);
    await run(n.join(node.address!));
  }
  return { clock, random, network, node, neighbours, make, run };
}

describe("no amplification toward an unproven address", () => {
  it("every request type: bytes sent to a spoofed source are at most the bytes it sent", async () => {
    const { clock, random, network, node, run } = await world();
    const key = random.bytes(32);
    await run(node.putValue(key, new Uint8Array(1000).fill(7)));
    const victim = network.createTransport({ host: "198.19.9.1", port: 5000 });
    let received = 0;
    victim.onDatagram((data) => { received += data.length; });
    await victim.start();
    const sender = random.bytes(32);
    const requests: Record<string, KademliaMessage> = {
      PING: { type: "PING", rid: 1, sender },
      "PING with nonce (id proof)": { type: "PING", rid: 2, sender, nonce: random.bytes(16) },
      FIND_NODE: { type: "FIND_NODE", rid: 3, sender, target: random.bytes(32) },
      "FIND_NODE wanting a token": { type: "FIND_NODE", rid: 4, sender, target: random.bytes(32), wantToken: true },
      "FIND_VALUE (held: VALUE)": { type: "FIND_VALUE", rid: 5, sender, key },
      "FIND_VALUE (not held: NODES)": { type: "FIND_VALUE", rid: 6, sender, key: random.bytes(32) },
      STORE: { type: "STORE", rid: 7, sender, key: random.bytes(32), value: new Uint8Array(10), ttlMs: 60_000 },
      BROADCAST: { type: "BROADCAST", rid: 8, sender, id: random.bytes(16), origin: sender, depth: 0, data: new Uint8Array(10) },
    };
    const rows: string[] = [];
    for (const [name, message] of Object.entries(requests)) {
      const bytes = encode(message);
      received = 0;
      victim.send(node.address!, bytes);
      await clock.advanceAsync(5_000);
      rows.push(`${name}: ${bytes.length} B in, ${received} B out (x${(received / bytes.length).toFixed(2)})`);
      expect(received, name).toBeLessThanOrEqual(bytes.length);
    }
    console.log(`one spoofed request of each type toward 198.19.9.1:\n  ${rows.join("\n  ")}`);
    expect(node.stats().repliesRetried).toBeGreaterThan(0);
  });

  it("an honest requester that was never proven gets every answer, one round trip later the first time", async () => {
    const { clock, random, node, neighbours, make, run } = await world();
    const key = random.bytes(32);
    await run(neighbours[0]!.putValue(key, new Uint8Array(800).fill(3)));
    const fresh = await make("198.18.200.1");
    const started = clock.now();
    await run(fresh.join(node.address!));
    const joinedAt = clock.now();
    const first = await run(fresh.getValue(key));
    const firstMs = clock.now() - joinedAt;
    const again = clock.now();
    const second = await run(fresh.getValue(key));
    const secondMs = clock.now() - again;
    const stats = fresh.stats();
    console.log(`a fresh node at 198.18.200.1: join ${joinedAt - started} ms, first get ${firstMs} ms, ` +
      `second get ${secondMs} ms (clock); ${stats.retriesWithToken} requests repeated with a token, ` +
      `${node.stats().repliesRetried} RETRY_WITH_TOKEN sent by the entry node`);
    expect(first).toEqual(new Uint8Array(800).fill(3));
    expect(second).toEqual(first);
    expect(stats.retriesWithToken).toBeGreaterThan(0);
    expect((await run(drain(fresh.lookup(random.bytes(32))))).closest.length).toBe(20);
  });
});
