import fc from "fast-check";
import { RoutingTable, bytesEqual, compareDistance } from "@plexus/core";
import type { Contact, NodeId } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { PeerContact } from "../src/routing/peer-contact.js";
import { closestFor } from "../src/handlers/find-node.js";

const id32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** The reference: every contact of the table by distance, without the requester and the unverified, first k. */
function reference(all: readonly PeerContact[], target: NodeId, requester: NodeId, k: number): NodeId[] {
  return all.filter((c) => c.verified && !bytesEqual(c.id, requester))
    .sort((a, b) => compareDistance(a.id, b.id, target))
    .slice(0, k)
    .map((c) => c.id);
}

describe("closestFor (the contacts of a NODES reply)", () => {
  it("is the k closest verified contacts other than the requester, refilled from beyond the first k when some are left out", () => {
    fc.assert(fc.property(
      id32, fc.integer({ min: 1, max: 6 }), fc.array(fc.tuple(id32, fc.boolean()), { maxLength: 60 }), id32,
      fc.integer({ min: -1, max: 59 }),
      (self, k, entries, target, requesterIndex) => {
        const table = new RoutingTable(self, { k });
        for (const [id, verified] of entries) table.add(new PeerContact(id, { host: "127.0.0.1", port: 1 }, 0, verified));
        const all = [...table.contacts()] as PeerContact[];
        // The requester is one of the table's contacts (it may be among the closest), or a stranger.
        const requester = requesterIndex >= 0 && requesterIndex < all.length ? all[requesterIndex]!.id : new Uint8Array(32).fill(0xee);
        const got = closestFor({ table, k }, target, requester, { host: "127.0.0.1", port: 1 }).map((c: Contact) => c.id);
        expect(got).toEqual(reference(all, target, requester, k));
      },
    ), { numRuns: 1000, seed: 3 });
  }, 30_000); // ~0.6 s here: 1,000 routing tables

  it("hands no address of a narrower scope than the requester's (docs/protocol.md 10.8)", () => {
    const table = new RoutingTable(new Uint8Array(32), { k: 20 });
    const hosts = ["198.18.1.1", "192.168.1.7", "127.0.0.1", "10.0.0.3", "fd00::5", "198.18.2.1"];
    hosts.forEach((host, i) => table.add(new PeerContact(new Uint8Array(32).fill(i + 1), { host, port: 1 }, 0, true)));
    const sent = (from: string, alt?: string): string[] => closestFor({ table, k: 20 }, new Uint8Array(32), new Uint8Array(32).fill(0xee),
      { host: from, port: 9 }, alt === undefined ? undefined : { host: alt, port: 9 }).map((c: Contact) => c.host).sort();
    expect(sent("198.18.9.9")).toEqual(["198.18.1.1", "198.18.2.1"]);
    // IPv6 only to a requester that declared an IPv6 address (a dual-stack one, docs/protocol.md 10.11).
    expect(sent("192.168.1.2")).toEqual(["10.0.0.3", "192.168.1.7", "198.18.1.1", "198.18.2.1"]);
    expect(sent("192.168.1.2", "fd00::9")).toEqual(["10.0.0.3", "192.168.1.7", "198.18.1.1", "198.18.2.1", "fd00::5"]);
    expect(sent("127.0.0.1")).toEqual([...hosts].sort());
  });
});
