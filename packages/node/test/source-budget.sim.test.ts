import type { Address } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { createCodec } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { SourceBudget } from "../src/limits/source-budget.js";
import { createNode } from "../src/index.js";
import type { NodeInit, PlexusNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";

const { encode, decode } = createCodec();

describe("SourceBudget", () => {
  it("refills per subnet on the clock, with a burst of two seconds, and exempts loopback", () => {
    const clock = new ManualClock();
    const budget = new SourceBudget(clock, { maxRequestsPerSubnetPerSecond: 10, maxReplyBytesPerSubnetPerSecond: 1000 });
    const a: Address = { host: "198.18.3.1", port: 1 };
    const sameSubnet: Address = { host: "198.18.3.200", port: 9 };
    let granted = 0;
    for (let i = 0; i < 50; i++) if (budget.request(i % 2 ? a : sameSubnet)) granted++;
    expect(granted).toBe(20);
    expect(budget.request({ host: "198.18.4.1", port: 1 })).toBe(true);
    clock.advance(500);
    granted = 0;
    for (let i = 0; i < 50; i++) if (budget.request(a)) granted++;
    expect(granted).toBe(5);
    expect([budget.reply(a, 1500), budget.reply(a, 600), budget.reply(a, 1)]).toEqual([true, false, true]);
    for (let i = 0; i < 1000; i++) expect(budget.request({ host: "127.0.0.1", port: 1 })).toBe(true);
  });
});

describe("per-subnet budgets on a node", () => {
  /** A node at 198.18.0.1, and a raw sender at `host` that counts what comes back. */
  async function setup(init: NodeInit = {}) {
    const clock = new ManualClock();
    const random = new SeededRandom(8);
    const network = createMemoryNetwork({ clock, random: random.fork(), latency: 5 });
    const make = async (host: string): Promise<PlexusNode> => {
      const r = random.fork();
      const node = createNode({ transport: network.createTransport({ host, port: 4000 }), clock, random: r },
        { keepAliveIntervalMs: 0, ...init });
      await node.start();
      return node;
    };
    const node = await make("198.18.0.1");
    // 40 neighbours, so that a NODES reply carries 20 contacts (~1 KB).
    for (let i = 0; i < 40; i++) await settleOn(clock, node.ping((await make(`198.18.${10 + i}.1`)).address!), 60_000);
    const victim = network.createTransport({ host: "198.18.9.1", port: 5000 });
    let received = 0;
    victim.onDatagram((data) => { received += data.length; });
    await victim.start();
    return { clock, random, network, node, victim, received: () => received };
  }

  it("bounds what a request flood from one /24 can make the node reflect there", async () => {
    const { clock, random, node, victim, received } = await setup();
    let sent = 0;
    // 3,000 FIND_VALUE over 3 s of clock from the victim's subnet (as a spoofer would make them look).
    for (let i = 0; i < 3000; i++) {
      const bytes = encode({ type: "FIND_VALUE", rid: i, sender: random.bytes(32), key: random.bytes(32) });
      sent += bytes.length;
      victim.send(node.address!, bytes);
      if (i % 10 === 9) await clock.advanceAsync(10);
    }
    await clock.advanceAsync(1000);
    const stats = node.stats();
    const answered = stats.sent.NODES;
    console.log(`flood of 3,000 FIND_VALUE (${sent} bytes) from one /24 over 3 s: ${answered} answered, ` +
      `${received()} bytes sent back (x${(received() / sent).toFixed(2)}), ${stats.requestsLimited} requests and ${stats.repliesLimited} replies dropped`);
    // Budget: 100 requests/s plus a burst of 200; 128 KiB/s plus a burst of 256 KiB.
    expect(answered).toBeLessThanOrEqual(100 * 4 + 200);
    expect(received()).toBeLessThanOrEqual(131_072 * 4 + 262_144);
    expect(stats.requestsLimited).toBeGreaterThan(2000);
  });

  it("other subnets are served during a flood from one /24", async () => {
    const { clock, random, network, node, victim } = await setup();
    const honest = network.createTransport({ host: "198.18.60.1", port: 5000 });
    let pongs = 0;
    honest.onDatagram((data) => { if (decode(data).type === "PONG") pongs++; });
    await honest.start();
    for (let i = 0; i < 1000; i++) {
      victim.send(node.address!, encode({ type: "PING", rid: i, sender: random.bytes(32) }));
      if (i % 10 === 9) {
        honest.send(node.address!, encode({ type: "PING", rid: i, sender: random.bytes(32) }));
        await clock.advanceAsync(10);
      }
    }
    await clock.advanceAsync(100);
    expect(pongs).toBe(100);
    expect(node.stats().requestsLimited).toBeGreaterThan(500);
  });

  it("Infinity lifts the budgets", async () => {
    const { clock, random, node, victim } = await setup({ maxRequestsPerSubnetPerSecond: Infinity, maxReplyBytesPerSubnetPerSecond: Infinity });
    await clock.advanceAsync(5_000); // the neighbours' id proofs finish first
    const before = node.stats().sent.PONG ?? 0;
    for (let i = 0; i < 1000; i++) victim.send(node.address!, encode({ type: "PING", rid: i, sender: random.bytes(32) }));
    await clock.advanceAsync(100);
    expect([(node.stats().sent.PONG ?? 0) - before, node.stats().requestsLimited]).toEqual([1000, 0]);
  });
});
