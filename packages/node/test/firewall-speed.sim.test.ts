import type { Transport } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { describe, expect, it } from "vitest";
import { createNode } from "../src/index.js";
import type { PlexusNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";
import { firewalled, withFreshPorts } from "./support/firewall.js";

const STEP_MS = 100;
const WATCH_MS = 60_000;

/**
 * How long a firewalled node stays a server (docs/protocol.md 10.10, docs/nat.md "Detection
 * first"): 12 public nodes settle, then a node behind a stateful firewall and an open one join.
 * The clock moves in 100 ms steps; the check starts on the PONGs that agree on the node's
 * address (not at a poll) and ends a round once every asked peer answered.
 */
async function run(seed: number) {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: { minMs: 5, maxMs: 40 } });
  const init = { keepAliveIntervalMs: 25_000, verifyIdentities: false };
  const make = (host: string, wrap = (t: Transport) => t): PlexusNode => createNode({
    transport: wrap(withFreshPorts(network, network.createTransport({ host, port: 4000 }))), clock, random: random.fork(), id: random.bytes(32),
  }, init);
  const settle = <T>(p: Promise<T>): Promise<T> => settleOn(clock, p, 600_000);
  const publics = Array.from({ length: 12 }, (_, i) => make(`198.18.${i + 1}.10`));
  for (const node of publics) await settle(node.start());
  for (const node of publics.slice(1)) await settle(node.join(publics[0]!.address!));
  for (const node of publics) await settle(node.findNode(random.bytes(32)));
  await clock.advanceAsync(30_000);
  const counts = { dropped: 0 };
  const fw = make("198.18.100.10", (t) => firewalled(t, counts));
  const open = make("198.18.101.10");
  const loopback = createNode({ transport: network.createTransport({ host: "127.0.0.1", port: 4100 }), clock, random: random.fork(), id: random.bytes(32) }, init);
  for (const node of [fw, open, loopback]) await settle(node.start());
  const joinedAt = clock.now();
  await Promise.all([fw, open].map((n) => settle(n.join(publics[0]!.address!))));
  let clientAfter: number | undefined;
  let askedAt: number | undefined;
  let openConfirmedAfter: number | undefined;
  for (let t = 0; t < WATCH_MS && (clientAfter === undefined || openConfirmedAfter === undefined); t += STEP_MS) {
    await clock.advanceAsync(STEP_MS);
    const since = clock.now() - joinedAt;
    if (askedAt === undefined && fw.stats().dialBacksAsked > 0) askedAt = since;
    if (clientAfter === undefined && fw.stats().client) clientAfter = since;
    if (openConfirmedAfter === undefined && open.stats().dialBacksConfirmed >= 2) openConfirmedAfter = since;
  }
  const result = { clientAfter, askedAt, openConfirmedAfter, fw: fw.stats(), open: open.stats(), loopback: loopback.stats(), dropped: counts.dropped };
  for (const node of [...publics, fw, open, loopback]) await settle(node.stop());
  return result;
}

describe("firewall check speed", () => {
  it("seed 5: a firewalled node turns client within seconds of joining, with no more dial-backs asked", async () => {
    const r = await run(5);
    console.log(`firewalled node: first dial-back asked ${Math.round(r.askedAt ?? -1)} ms after its join, client after ${Math.round(r.clientAfter ?? -1)} ms (natType ${r.fw.natType}), `
      + `${r.fw.dialBacksAsked} dial-backs asked, ${r.dropped} unsolicited datagrams dropped by its firewall; `
      + `open node: 2 dial-backs confirmed after ${Math.round(r.openConfirmedAfter ?? -1)} ms, ${r.open.dialBacksAsked} asked, natType ${r.open.natType}; `
      + `loopback node: ${r.loopback.dialBacksAsked} asked`);
    expect(r.fw.natType).toBe("firewalled");
    expect(r.clientAfter).toBeDefined();
    expect(r.clientAfter!).toBeLessThan(12_000); // was ~23 s: a 5 s poll, 8 s rounds, 15 s between them
    expect(r.fw.dialBacksAsked).toBeLessThanOrEqual(10); // two rounds of 5, as before
    expect(r.open.natType).toBe("direct");
    expect(r.open.client).toBe(false);
    expect(r.openConfirmedAfter!).toBeLessThan(6_000);
    expect(r.open.dialBacksAsked).toBeLessThanOrEqual(5);
    expect(r.loopback.dialBacksAsked).toBe(0); // never on loopback
  }, 120_000);
});
