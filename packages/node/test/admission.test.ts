import type { NodeId } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { describe, expect, it } from "vitest";
import { isVerified } from "../src/routing/peer-contact.js";
import { createNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";
import type { PlexusNode } from "../src/index.js";

/** An id whose first byte is `head` and the rest `fill`. */
function id(head: number, fill = 0): NodeId {
  const out = new Uint8Array(32).fill(fill);
  out[0] = head;
  return out;
}

/**
 * With k = 2, node `a` (id 00..) knows n1 (01..) and n2 (02..), both nearer to it than bucket
 * 0, so a requester from bucket 0 (80..) is not a neighbour of `a`.
 */
async function world() {
  const clock = new ManualClock();
  const random = new SeededRandom(5);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
  const make = async (nodeId: NodeId): Promise<PlexusNode> => {
    const node = createNode({ transport: network.createTransport(), clock, random: random.fork(), id: nodeId },
      { k: 2, keepAliveIntervalMs: 0, verifyIdentities: false }); // the admission rules without id proofs: chosen ids, no key pairs
    await node.start();
    return node;
  };
  const run = <T>(promise: Promise<T>): Promise<T> => settleOn(clock, promise, 60_000);
  const a = await make(id(0x00));
  const n1 = await make(id(0x01));
  const n2 = await make(id(0x02));
  await run(a.ping(n1.address!));
  await run(a.ping(n2.address!));
  await clock.advanceAsync(1000);
  return { clock, run, make, a, n1, n2 };
}

describe("routing-table admission", () => {
  it("a far requester enters unverified, with no PING, and is not handed out until it answered one of our requests", async () => {
    const { clock, run, make, a } = await world();
    const b = await make(id(0x80, 1));
    const pingsBefore = a.stats().sent.PING;
    await run(b.ping(a.address!));
    await clock.advanceAsync(1000);
    expect(a.table.has(b.id)).toBe(true);
    expect(isVerified(a.table.get(b.id)!)).toBe(false);
    expect(a.stats().sent.PING).toBe(pingsBefore);

    // c asks a for ids near b: a leaves b out of its NODES reply, and sends it nothing.
    const c = await make(id(0xc0));
    await run(c.ping(a.address!));
    const first = await run(c.findNode(id(0x80, 2)));
    expect(first.some((x) => x.id[0] === 0x80)).toBe(false);
    await clock.advanceAsync(1000);
    expect(a.stats().sent.PING).toBe(pingsBefore);
    expect(isVerified(a.table.get(b.id)!)).toBe(false);
    // a's own lookup there asks b, b answers: verified, and handed out from then on.
    await run(a.findNode(id(0x80, 3)));
    expect(isVerified(a.table.get(b.id)!)).toBe(true);
    const second = await run(c.findNode(id(0x80, 2)));
    expect(second[0]?.id).toEqual(b.id);
  });

  it("an unverified contact leaves the table after one failed request", async () => {
    const { clock, run, make, a } = await world();
    const b = await make(id(0x80, 1));
    await run(b.ping(a.address!));
    await b.stop();
    expect(isVerified(a.table.get(b.id)!)).toBe(false);
    await run(a.findNode(id(0x80, 2)));
    await clock.advanceAsync(10_000);
    expect(a.table.has(b.id)).toBe(false);
  });

  it("a requester that would be among our k closest gets a PING and enters verified", async () => {
    const { clock, run, make, a } = await world();
    const b = await make(id(0x00, 1)); // shares 7+ bytes with a: nearer than n1 and n2
    const pingsBefore = a.stats().sent.PING;
    await run(b.ping(a.address!));
    await clock.advanceAsync(1000);
    expect(a.stats().sent.PING).toBe(pingsBefore + 1);
    expect(isVerified(a.table.get(b.id)!)).toBe(true);
  });
});
