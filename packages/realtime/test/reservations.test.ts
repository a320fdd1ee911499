import { ManualClock } from "@plexus/core/testing";
import { describe, expect, it } from "vitest";
import { Reservations } from "../src/relay/reservations.js";

const id = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const at = (host: string, port = 4000): { host: string; port: number } => ({ host, port });

describe("Reservations (a relay's, docs/protocol.md 13.2)", () => {
  it("one subnet holds at most its share; other subnets still reserve; a release or an expiry frees a slot", () => {
    const clock = new ManualClock();
    const table = new Reservations(clock, { max: 10, perSubnet: 3, exemptLoopback: true });
    const flood = [1, 2, 3, 4, 5].map((n) => table.set(id(n), at(`198.18.7.${n}`), 0, 60_000));
    console.log(`5 RESERVEs from one /24 with a share of 3: ${flood.filter(Boolean).length} granted`);
    expect(flood).toEqual([true, true, true, false, false]);
    expect(table.set(id(20), at("198.18.8.1"), 0, 60_000)).toBe(true); // another /24
    expect(table.set(id(21), at("fd00:0:0:9::1"), 0, 60_000)).toBe(true); // an IPv6 /64
    expect(table.set(id(1), at("198.18.7.1", 4001), 0, 60_000)).toBe(true); // a renewal from a new port keeps its slot
    expect(table.set(id(2), at("198.18.7.2"), 0, 0)).toBe(true); // a release
    expect(table.set(id(4), at("198.18.7.4"), 0, 60_000)).toBe(true);
    clock.advance(60_000);
    expect(table.get(id(1))).toBeUndefined();
    expect(table.set(id(5), at("198.18.7.5"), 0, 60_000)).toBe(true); // the expired ones were swept
  });

  it("holds at most max in all; loopback is exempt from the subnet share", () => {
    const clock = new ManualClock();
    const table = new Reservations(clock, { max: 4, perSubnet: 1, exemptLoopback: true });
    const granted = [1, 2, 3, 4, 5].map((n) => table.set(id(n), at("127.0.0.1", 4000 + n), 0, 60_000));
    expect(granted).toEqual([true, true, true, true, false]);
    expect(table.size).toBe(4);
  });

  it("a renewal is always taken, also from a new mapping in a subnet at its share", () => {
    const table = new Reservations(new ManualClock(), { max: 10, perSubnet: 1, exemptLoopback: true });
    expect(table.set(id(1), at("198.18.7.1"), 0, 60_000)).toBe(true);
    expect(table.set(id(2), at("198.18.8.1"), 0, 60_000)).toBe(true);
    expect(table.set(id(3), at("198.18.8.2"), 0, 60_000)).toBe(false);
    expect(table.set(id(1), at("198.18.8.3"), 0, 60_000)).toBe(true);
    expect(table.get(id(1))?.contact.host).toBe("198.18.8.3");
  });
});
