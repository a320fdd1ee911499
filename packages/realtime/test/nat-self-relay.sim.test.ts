import { bytesEqual, utf8 } from "@plexus/core";
import { settleOn } from "@plexus/node/testing";
import { describe, expect, it } from "vitest";
import { lab } from "./support/nat-lab.js";

const SEED = 71;

/**
 * A requester that is itself one of the target's relays (docs/nat.md "Relays are the nodes
 * closest to the client's id"): no lookup returns the requester itself, so its CONNECTs went
 * to the target's other relays only, and when it could reach none of them the request failed
 * with ERR_UNREACHABLE. Here each client keeps a single relay; in the testbed a dual-stack
 * firewalled client's other two relays were IPv6-only and the requester IPv4-only. A relay
 * holds the target's mapping toward itself, which the target keeps open: it goes straight there.
 */
describe(`a requester that holds the target's reservation itself (seed ${SEED})`, () => {
  it("every public node reaches every client, its own relay included", async () => {
    const { net, clock, hosts } = await lab(SEED, ["firewall", "cone", "symmetric"], { relays: 1 });
    const settle = <T>(p: Promise<T>): Promise<T> => settleOn(clock, p, 60_000);
    const clients = hosts.filter((h) => h.kind !== "public");
    const publics = hosts.filter((h) => h.kind === "public");
    expect(clients.every((c) => c.rt.stats().reservations === 1)).toBe(true);
    const relays = publics.filter((h) => h.rt.stats().reservationsServed > 0);
    let reached = 0;
    let reachedByRelays = 0;
    const failed: string[] = [];
    for (const from of publics) {
      for (const to of clients) {
        const data = utf8(`${from.name}>${to.name}`);
        const reply = await settle(from.rt.request(to.node.id, data).catch((err: { code?: string }) => err.code));
        const sent = await settle(from.rt.send(to.node.id, data).then(() => true, () => false));
        if (reply instanceof Uint8Array && bytesEqual(reply, data) && sent) {
          reached++;
          if (relays.includes(from)) reachedByRelays++;
        } else failed.push(`${from.name}>${to.name} ${String(reply)}`);
      }
    }
    const reservationsServed = relays.reduce((n, h) => n + h.rt.stats().reservationsServed, 0);
    console.log(`public -> client with one relay each: ${reached}/${publics.length * clients.length} reached (request and send); ` +
      `${relays.length} relays holding ${reservationsServed} reservations, ${reachedByRelays} pairs from a relay reached; failed: ${failed.join(", ") || "none"}`);
    expect(reservationsServed).toBe(clients.length);
    expect(failed).toEqual([]);
    expect(reached).toBe(publics.length * clients.length);
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);
});
