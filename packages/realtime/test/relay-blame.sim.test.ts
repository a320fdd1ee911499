import { bytesEqual, utf8 } from "@plexus/core";
import { settleOn } from "@plexus/node/testing";
import { describe, expect, it } from "vitest";
import { lab } from "./support/nat-lab.js";

const SEED = 44;

/**
 * A relay that forwards a RELAY to a target that does not answer (its NAT rebound, or it went
 * away) stays silent, so the requester's RELAY times out. That silence is the target's, not the
 * relay's: the relay must stay reachable for the requester (issue 18: after the testbed's rebind,
 * `send` from the symmetric hosts to their relay pub4b failed with ERR_UNREACHABLE).
 */
describe(`a silent target behind a relay does not cut the requester off the relay (seed ${SEED})`, () => {
  it("after a relayed request times out, the requester still reaches the relay itself", async () => {
    const { net, clock, hosts } = await lab(SEED, ["symmetric", "symmetric"]);
    const [from, to] = hosts.filter((h) => h.kind === "symmetric") as [typeof hosts[0], typeof hosts[0]];
    const text = utf8("hello");
    const call = (p: Promise<unknown>): Promise<string> => settleOn(clock, p.then(() => "ok", (e: { code?: string }) => e.code ?? String(e)), 60_000);
    const relayed = () => hosts.map((h) => h.rt.stats().relayedMessages);
    const before = relayed();
    expect(await call(from.rt.request(to.node.id, text).then((r) => { if (!bytesEqual(r, text)) throw new Error("echo"); }))).toBe("ok");
    const relay = hosts[relayed().findIndex((n, i) => n > before[i]!)]!;
    expect(relay.kind).toBe("public");
    // The target goes silent while its relay still holds its reservation.
    await settleOn(clock, to.node.stop(), 10_000);
    const failed = await call(from.rt.send(to.node.id, text));
    const sent = await call(from.rt.send(relay.node.id, text));
    const requested = await call(from.rt.request(relay.node.id, text));
    console.log(`relay ${relay.name}: send to the silent target ${failed}; then to the relay: send ${sent}, request ${requested}`);
    expect(failed).not.toBe("ok");
    expect(sent).toBe("ok");
    expect(requested).toBe("ok");
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);
});
