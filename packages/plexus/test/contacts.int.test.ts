import { once } from "node:events";
import { describe, expect, it } from "vitest";
import type { HexContact } from "../src/index.js";
import { Node, toHex } from "../src/index.js";

const deadline = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(5_000) });

// Issue 17: findNode() handed out the engine's live routing-table entries; setting `port`
// on one broke routing. Every contact handed out is now a plain frozen copy; the promise
// API gives ids as bytes, the Node's events (seed style) as hex.
describe("contacts handed out", () => {
  it("are frozen copies: changing one cannot touch routing", async () => {
    const seed = new Node({ port: 0 });
    const peer = new Node({ port: 0 });
    try {
      const added = once(peer, "contact:added", deadline());
      await peer.connect(await seed.ready, deadline());
      const [event] = (await added) as [HexContact];
      expect(event).toEqual({ id: seed.idHex, host: "127.0.0.1", port: seed.address!.port });
      expect(Object.isFrozen(event)).toBe(true);

      const [first] = await peer.findNode(seed.id, deadline());
      expect(first!.id).toEqual(seed.id);
      expect(Object.isFrozen(first)).toBe(true);
      expect(() => { (first as { port: number }).port = 1; }).toThrow(TypeError);
      first!.id.fill(0); // the copy's own bytes

      const [again] = await peer.findNode(seed.id, deadline());
      expect(toHex(again!.id)).toBe(seed.idHex);
      expect(again!.port).toBe(seed.address!.port);
      expect(await peer.engine.ping(seed.address!)).toMatchObject({ port: seed.address!.port });

      // The engine's generators and events hand out copies too.
      for await (const step of peer.engine.lookup(seed.id, deadline())) {
        expect(Object.isFrozen(step)).toBe(true);
        expect(Object.isFrozen(step.contact)).toBe(true);
      }
      const result = await peer.engine.findNode(seed.id, deadline());
      expect(result.every((c) => Object.isFrozen(c))).toBe(true);
      expect(peer.engine.table.has(seed.id)).toBe(true);
    } finally {
      await Promise.all([seed.close(), peer.close()]);
    }
  });
});
