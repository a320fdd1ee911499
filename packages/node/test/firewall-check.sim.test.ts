import type { Transport } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { describe, expect, it } from "vitest";
import { createNode } from "../src/index.js";
import type { PlexusNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";
import { firewalled, withFreshPorts } from "./support/firewall.js";

/**
 * Firewall detection by dial-back (docs/protocol.md 10.10): 12 public nodes, each in its own
 * /24 of 198.18.0.0/15; one more behind a stateful firewall that drops unsolicited datagrams,
 * one more open (the control). Both see their own address observed (`direct`); only the
 * dial-backs tell them apart.
 */
async function run(seed: number) {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: { minMs: 5, maxMs: 40 } });
  const init = { keepAliveIntervalMs: 25_000, verifyIdentities: false };
  const make = (i: number, wrap = (t: Transport) => t): PlexusNode => createNode({
    transport: wrap(withFreshPorts(network, network.createTransport({ host: `198.18.${i}.10`, port: 4000 }))),
    clock, random: random.fork(), id: random.bytes(32),
  }, init);
  const settle = <T>(p: Promise<T>): Promise<T> => settleOn(clock, p, 600_000);
  const publics = Array.from({ length: 12 }, (_, i) => make(i + 1));
  const counts = { dropped: 0 };
  const fw = make(100, (t) => firewalled(t, counts));
  const open = make(101);
  for (const node of [...publics, fw, open]) await settle(node.start());
  for (const node of publics.slice(1)) await settle(node.join(publics[0]!.address!));
  await settle(fw.join(publics[0]!.address!));
  await settle(open.join(publics[0]!.address!));
  // Lookups from everywhere, so both are in tables unless they turn client; then time for the checks.
  for (let round = 0; round < 4; round++) {
    for (const node of publics) await settle(node.findNode(random.bytes(32)));
    await clock.advanceAsync(30_000);
  }
  for (const node of publics) await settle(node.findNode(fw.id));
  // A layer holds a rendezvous open on each (as a topic subscription does): only the firewalled one PINGs it.
  for (const node of [fw, open]) {
    node.register((host) => {
      host.holdOpen("topic", [{ id: publics[0]!.id, ...publics[0]!.address! }]);
      return { name: "holder", messages: [], handlers: new Map() };
    });
  }
  const keepAlivesBefore = [fw.stats().natKeepAlives, open.stats().natKeepAlives];
  await clock.advanceAsync(60_000);
  const keepAlives = [fw.stats().natKeepAlives - keepAlivesBefore[0]!, open.stats().natKeepAlives - keepAlivesBefore[1]!];
  const holdingFw = publics.filter((n) => n.table.get(fw.id) !== undefined).length;
  const holdingOpen = publics.filter((n) => n.table.get(open.id) !== undefined).length;
  const all = [...publics, fw, open].map((n) => n.stats());
  const sent = all.reduce((sum, s) => sum + s.dialBacksSent, 0);
  const asked = all.reduce((sum, s) => sum + s.dialBacksAsked, 0);
  const result = { fw: fw.stats(), open: open.stats(), holdingFw, holdingOpen, sent, asked, dropped: counts.dropped, keepAlives,
    publicsDirect: publics.filter((n) => n.stats().natType === "direct").length };
  for (const node of [...publics, fw, open]) await settle(node.stop());
  return result;
}

describe("firewall check", () => {
  it("seed 3: a firewalled node with its own address finds out and turns client; an open one stays a server", async () => {
    const r = await run(3);
    console.log(`firewalled: natType ${r.fw.natType}, client ${r.fw.client}, asked ${r.fw.dialBacksAsked}, confirmed ${r.fw.dialBacksConfirmed}, `
      + `in ${r.holdingFw}/12 tables, ${r.dropped} unsolicited datagrams dropped by its firewall; open: natType ${r.open.natType}, `
      + `asked ${r.open.dialBacksAsked}, confirmed ${r.open.dialBacksConfirmed}, in ${r.holdingOpen}/12 tables; `
      + `public nodes direct: ${r.publicsDirect}/12; dial-backs asked by all 14 nodes: ${r.asked}, dial-back PINGs sent: ${r.sent}; `
      + `rendezvous keep-alive PINGs in a minute: firewalled ${r.keepAlives[0]}, open ${r.keepAlives[1]}`);
    expect(r.fw.natType).toBe("firewalled");
    expect(r.fw.client).toBe(true);
    expect(r.fw.dialBacksConfirmed).toBe(0);
    expect(r.holdingFw).toBe(0);
    expect(r.open.natType).toBe("direct");
    expect(r.open.client).toBe(false);
    expect(r.open.dialBacksConfirmed).toBeGreaterThanOrEqual(2);
    expect(r.holdingOpen).toBeGreaterThan(3);
    expect(r.publicsDirect).toBe(12);
    expect(r.keepAlives[0]).toBeGreaterThanOrEqual(3); // every 15 s
    expect(r.keepAlives[1]).toBe(0);
    // Bounded: at most one dial-back PING per ask, and at most three rounds of 5 asks per node in 3.5 minutes.
    expect(r.sent).toBeLessThanOrEqual(r.asked);
    expect(r.asked).toBeLessThanOrEqual(14 * 5 * 3);
  }, 120_000);
});

