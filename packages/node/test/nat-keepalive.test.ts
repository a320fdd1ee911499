import { ManualClock } from "@plexus/core/testing";
import type { Contact } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { NatKeepAlive } from "../src/reachability/nat-keepalive.js";
import type { Rpc } from "../src/rpc/rpc.js";
import { Counters } from "../src/stats/counters.js";

const contact = (n: number): Contact => ({ id: new Uint8Array(32).fill(n), host: `198.18.${n}.1`, port: 4000 });

function setup(needed: { value: boolean }) {
  const clock = new ManualClock();
  const pinged: string[] = [];
  const rpc = { call: (to: Contact) => { pinged.push(to.host); return undefined; } } as unknown as Rpc;
  const counters = new Counters();
  const keepAlive = new NatKeepAlive({ clock, rpc, counters, needed: () => needed.value }, 15_000);
  keepAlive.start();
  return { clock, pinged, counters, keepAlive };
}

describe("NatKeepAlive", () => {
  it("behind a NAT, PINGs each held address once per interval; released ones no more", async () => {
    const needed = { value: true };
    const { clock, pinged, counters, keepAlive } = setup(needed);
    keepAlive.hold("topic:a", [contact(1), contact(2)]);
    keepAlive.hold("topic:b", [contact(2), contact(3)]); // 198.18.2.1 is held twice: one PING
    await clock.advanceAsync(15_000);
    expect(pinged.sort()).toEqual(["198.18.1.1", "198.18.2.1", "198.18.3.1"]);
    keepAlive.hold("topic:a", []);
    pinged.length = 0;
    await clock.advanceAsync(15_000);
    expect(pinged.sort()).toEqual(["198.18.2.1", "198.18.3.1"]);
    expect(counters.natKeepAlives).toBe(5);
    keepAlive.stop();
  });

  it("sends nothing when the node has a direct address", async () => {
    const { clock, pinged, keepAlive } = setup({ value: false });
    keepAlive.hold("topic:a", [contact(1)]);
    await clock.advanceAsync(60_000);
    expect(pinged).toEqual([]);
    keepAlive.stop();
  });

  it("holds at most 8 contacts per owner and 1,024 owners", async () => {
    const { clock, pinged, keepAlive } = setup({ value: true });
    keepAlive.hold("big", Array.from({ length: 20 }, (_, i) => contact(i + 1)));
    for (let i = 0; i < 2_000; i++) keepAlive.hold(`owner${i}`, [{ ...contact(200), host: `198.19.${i % 250}.${1 + Math.floor(i / 250)}` }]);
    await clock.advanceAsync(15_000);
    expect(pinged.length).toBe(1_024); // "big" was the oldest owner: dropped
    keepAlive.stop();
  });

  it("arms no timer while it holds nothing; a later hold ticks on the instants of start + n x interval", async () => {
    const { clock, pinged, keepAlive } = setup({ value: true });
    expect(clock.pending).toBe(0);
    await clock.advanceAsync(20_000);
    keepAlive.hold("topic:a", [contact(1)]);
    expect(clock.nextAt()).toBe(30_000);
    await clock.advanceAsync(10_000);
    expect(pinged).toEqual(["198.18.1.1"]);
    keepAlive.hold("topic:a", []);
    await clock.advanceAsync(15_000); // the tick at 45 s finds nothing and arms no other
    expect(clock.pending).toBe(0);
    keepAlive.hold("topic:b", [contact(2)]);
    expect(clock.nextAt()).toBe(60_000);
    keepAlive.stop();
    expect(clock.pending).toBe(0);
  });
});
