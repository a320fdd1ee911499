import { SeededRandom } from "@plexus/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryNodeState, createNode } from "../src/index.js";
import type { NodeState, PlexusNode } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";
import type { Testnet } from "../src/testing/index.js";

const SEED = 21;
const TTL_MS = 60_000;

describe(`a node with a state component carries its table and published items over a restart (seed ${SEED})`, () => {
  let net: Testnet;
  const extra: PlexusNode[] = [];
  beforeAll(async () => {
    net = await createTestnet({ size: 40, seed: SEED });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(extra.map((n) => n.stop()));
    await net?.stop();
  });

  const make = (random: SeededRandom, id: Uint8Array, state?: NodeState): PlexusNode => {
    const node = createNode({
      transport: net.network.createTransport(), clock: net.clock, random: random.fork(), id,
      ...(state ? { state } : {}),
    }, { keepAliveIntervalMs: 0, verifyIdentities: false }); // as the testnet's nodes, which carry no identity to prove
    extra.push(node);
    return node;
  };

  it("rejoins through the saved contacts and re-puts its item after the replicas' copies expired", async () => {
    // Each test draws from a stream of its own.
    const random = new SeededRandom(SEED * 1000 + 1);
    const state = createMemoryNodeState();
    const id = random.bytes(32);
    const key = random.bytes(32);
    const value = new Uint8Array([1, 2, 3]);
    const first = make(random, id, state);
    await net.settle(first.start());
    await net.settle(first.join(net.nodes[0]!.address!));
    const put = await net.settle(first.putValue(key, value, { ttlMs: TTL_MS }));
    expect(put.stored).toBeGreaterThan(0);
    // Saved before the put resolved; the table after the join.
    expect(state.published(10).map((item) => [...item.key])).toEqual([[...key]]);
    expect(state.contacts().length).toBeGreaterThan(0);
    await net.settle(first.stop());

    await net.run(TTL_MS + 1_000); // every copy expired, and nobody republishes it
    expect(await net.settle(net.live[1]!.getValue(key))).toBeUndefined();

    const second = make(random, id, state);
    await net.settle(second.start());
    await net.settle(second.rejoin()); // no bootstrap address given
    expect(second.table.size).toBeGreaterThan(0);
    await net.run(5_000);
    expect(await net.settle(net.live[2]!.getValue(key))).toEqual(value);
  }, 120_000);

  it("unpublish forgets the saved item; rejoin without saved contacts fails with ERR_INVALID_ARGUMENT", async () => {
    const random = new SeededRandom(SEED * 1000 + 2);
    const state = createMemoryNodeState();
    const node = make(random, random.bytes(32), state);
    await net.settle(node.start());
    await expect(node.rejoin()).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
    await net.settle(node.join(net.nodes[0]!.address!));
    const key = random.bytes(32);
    await net.settle(node.putValue(key, new Uint8Array([9])));
    expect(state.published(10)).toHaveLength(1);
    expect(node.unpublish(key)).toBe(true);
    await net.run(1);
    expect(state.published(10)).toHaveLength(0);
  }, 60_000);
});
