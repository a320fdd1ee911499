import { bytesEqual, utf8 } from "@plexus/core";
import { settleOn } from "@plexus/node/testing";
import { describe, expect, it } from "vitest";
import { lab } from "./support/nat-lab.js";

const SEED = 43;
const STEP_MS = 100;

/**
 * After a NAT rebind (docs/nat.md "Rebinding") the relays hold the client's old mapping until
 * it renews its reservations. The client renews at once when a PONG reports another address
 * than the same peer reported before, rather than at the next 15 s refresh.
 */
describe(`renewing reservations on a NAT rebind (seed ${SEED})`, () => {
  it("a client behind a cone NAT re-reserves at its first PONG after the rebind and is reachable right after", async () => {
    const { net, clock, hosts } = await lab(SEED, ["cone"]);
    const cone = hosts.find((h) => h.kind === "cone")!;
    await clock.advanceAsync(20_000);
    // Rebind just after a refresh of the reservations, so that the next is ~14 s away.
    const reserves = () => cone.node.stats().sent.RESERVE ?? 0;
    const sent = reserves();
    for (let t = 0; t < 20_000 && reserves() === sent; t += STEP_MS) await clock.advanceAsync(STEP_MS);
    await clock.advanceAsync(1_000);
    const renewals = cone.rt.stats().reservesOnRebind;
    expect(renewals).toBe(0);
    cone.nat!.rebind();
    const rebound = clock.now();
    // The client's next PING and its PONG (a keep-alive toward a rendezvous or a table contact, every
    // 15-25 s; here at once): the peer reports the new mapping.
    const peer = hosts[0]!.node;
    void settleOn(clock, cone.node.ping(peer.address!).catch(() => undefined), 10_000);
    let renewedAfter: number | undefined;
    for (let t = 0; t < 5_000 && renewedAfter === undefined; t += STEP_MS) {
      await clock.advanceAsync(STEP_MS);
      if (cone.rt.stats().reservesOnRebind > renewals) renewedAfter = clock.now() - rebound;
    }
    await clock.advanceAsync(500); // the RESERVEs reach the relays
    // A public node that never reached the client before: lookup, CONNECT, punch to the mapping the relay holds.
    const from = hosts[7]!;
    const text = utf8("after rebind");
    const started = clock.now();
    const ok = await settleOn(clock, from.rt.request(cone.node.id, text).then((r) => bytesEqual(r, text), () => false), 30_000);
    const reachedIn = Math.round(clock.now() - started);
    console.log(`after rebinding: reservations renewed ${renewedAfter === undefined ? "never" : `${Math.round(renewedAfter)} ms`} after the rebind (the first PONG from a peer that saw the old mapping), `
      + `then reached ${ok ? "" : "NOT "}in ${reachedIn} ms (punched ${from.rt.stats().punchesSucceeded}/${from.rt.stats().punchesTried}); renewals on rebind ${cone.rt.stats().reservesOnRebind}`);
    expect(renewedAfter).toBeDefined();
    expect(renewedAfter!).toBeLessThan(1_000); // at the PONG, not at the next refresh (up to 15 s)
    expect(ok).toBe(true);
    expect(reachedIn).toBeLessThan(3_000);
    expect(cone.rt.stats().reservesOnRebind - renewals).toBeLessThanOrEqual(2); // once per rebind (at most one more 1 s later)
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);
});
