import { utf8 } from "@plexus/core";
import { describe, expect, it } from "vitest";
import type { PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";

describe("broadcast repair (300 nodes, seed 5)", () => {
  it("reaches the far half of the network when every contact the origin has there is dead", async () => {
    const net = await createTestnet({ size: 300, seed: 5 });
    try {
      const origin = net.live[0]!;
      // Bucket 0 of the origin is the half of the id space it does not share a first bit
      // with; only its contacts there carry a broadcast into that half.
      const ids = new Set(origin.table.bucketContacts(0).map((c) => Buffer.from(c.id).toString("hex")));
      expect(ids.size).toBeGreaterThan(0);
      for (const node of net.live.slice()) {
        if (ids.has(Buffer.from(node.id).toString("hex"))) await net.kill(node);
      }
      const farHalf = net.live.filter((n) => (n.id[0]! >> 7) !== (origin.id[0]! >> 7));
      expect(farHalf.length).toBeGreaterThan(100);
      const got = new Set<PlexusNode>();
      const offs = net.live.map((node) => {
        const listener = (): void => { got.add(node); };
        node.on("broadcast", listener);
        return () => node.off("broadcast", listener);
      });
      await net.settle(origin.broadcast(utf8("over the gap")));
      await net.run(30_000);
      offs.forEach((off) => off());
      expect(origin.stats().broadcastRepairs).toBeGreaterThanOrEqual(1);
      expect(farHalf.filter((n) => got.has(n)).length).toBe(farHalf.length);
      expect(got.size).toBe(net.live.length - 1);
    } finally {
      await net.stop();
    }
  }, 120_000);
});
