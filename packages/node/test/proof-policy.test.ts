import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { describe, expect, it } from "vitest";
import { createNode, identityFromPrivateKey } from "../src/index.js";
import type { NodeIdentity, PlexusNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";

/** Bit `i` (0 = most significant) of `id`. */
const bit = (id: Uint8Array, i: number): number => (id[i >> 3]! >> (7 - (i & 7))) & 1;

/** The first identity from seeded keys whose id has `want` bits: [bit index, value] pairs. Bounded: 10,000 keys. */
function grind(random: SeededRandom, want: readonly (readonly [number, number])[]): NodeIdentity {
  for (let i = 0; i < 10_000; i++) {
    const identity = identityFromPrivateKey(random.bytes(32).slice(0, 32));
    if (want.every(([index, value]) => bit(identity.id, index) === value)) return identity;
  }
  throw new Error("no key found");
}

/**
 * With k = 2 and id proofs on: `a`'s two contacts n1, n2 sit in its bucket 1 (they share a's
 * first bit, not its second), so a requester from bucket 0 is far and one from bucket 2 or
 * deeper would be among a's k closest.
 */
async function world() {
  const clock = new ManualClock();
  const random = new SeededRandom(19);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
  const a0 = grind(random, [[0, 0], [1, 0], [2, 0]]);
  const make = async (identity: NodeIdentity): Promise<PlexusNode> => {
    const node = createNode({ transport: network.createTransport(), clock, random: random.fork(), identity },
      { k: 2, keepAliveIntervalMs: 0, addressBoundIds: false }); // verifyIdentities: the default (on)
    await node.start();
    return node;
  };
  const run = <T>(promise: Promise<T>): Promise<T> => settleOn(clock, promise, 60_000);
  const a = await make(a0);
  for (const n of [grind(random, [[0, 0], [1, 1]]), grind(random, [[0, 0], [1, 1]])]) {
    const node = await make(n);
    await run(a.ping(node.address!));
    await clock.advanceAsync(1000);
  }
  expect(a.table.size).toBe(2);
  return { clock, run, make, random, a };
}

describe("id proofs only for contacts that can enter (routing/proof-policy.ts)", () => {
  it("a far requester gets no challenge and enters once it answers a request of ours; a neighbour requester is challenged at once", async () => {
    const { clock, run, make, random, a } = await world();
    const far = await make(grind(random, [[0, 1]]));
    const pingsBefore = a.stats().sent.PING;
    await run(far.ping(a.address!));
    await clock.advanceAsync(1000);
    const farChallenges = a.stats().sent.PING - pingsBefore;
    expect(farChallenges).toBe(0);
    expect(a.table.has(far.id)).toBe(false);
    await run(a.ping(far.address!)); // it answers us: challenged, proven, admitted
    await clock.advanceAsync(1000);
    expect(a.table.has(far.id)).toBe(true);

    const near = await make(grind(random, [[0, 0], [1, 0], [2, 0]]));
    const before = a.stats().sent.PING;
    await run(near.ping(a.address!));
    await clock.advanceAsync(1000);
    console.log(`challenges sent by a: far requester ${farChallenges}, neighbour requester ${a.stats().sent.PING - before}`);
    expect(a.stats().sent.PING - before).toBe(1);
    expect(a.table.has(near.id)).toBe(true);
  });

  it("a full bucket proves at most PROVEN_REPLACEMENTS (2) replacements of the contacts that answer us", async () => {
    const { clock, run, make, random, a } = await world();
    const challenges: number[] = [];
    for (let i = 0; i < 4; i++) {
      const other = await make(grind(random, [[0, 0], [1, 1]])); // bucket 1, full (k = 2)
      const before = a.stats().sent.PING;
      await run(a.ping(other.address!)); // the plain PING, then a challenge while worth it
      await clock.advanceAsync(1000);
      challenges.push(a.stats().sent.PING - before - 1);
    }
    console.log(`challenges after each answer for a full bucket: ${challenges.join(", ")}`);
    expect(challenges).toEqual([1, 1, 0, 0]);
    expect(a.table.replacementCount(1)).toBe(2);
  });
});
