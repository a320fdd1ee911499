import { bytesEqual, utf8 } from "@plexus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";
import type { Testnet } from "../src/testing/index.js";

const SEED = 7;
const MINUTE = 60_000;

describe(`expiry and republish on a 200-node network (seed ${SEED})`, () => {
  let net: Testnet;

  beforeAll(async () => {
    net = await createTestnet({
      size: 200, seed: SEED,
      init: { republishIntervalMs: 2 * MINUTE, replicaRepublishIntervalMs: 3 * MINUTE, refreshIntervalMs: 24 * 60 * MINUTE },
    });
  }, 120_000);
  afterAll(async () => { await net?.stop(); });

  it("keeps a value alive while its publisher republishes, drops it after the TTL once the publisher is gone", async () => {
    const [kept, gone] = [utf8("kept"), utf8("gone")];
    const keeper = net.live[3]!;
    const leaver = net.live[5]!;
    await net.settle(keeper.putValue(sha256(kept), kept, { ttlMs: 5 * MINUTE }));
    await net.settle(leaver.putValue(sha256(gone), gone, { ttlMs: 5 * MINUTE }));
    await net.kill(leaver);
    const reader = net.live[10]!;
    expect(bytesEqual((await net.settle(reader.getValue(sha256(gone))))!, gone)).toBe(true);
    await net.run(4 * MINUTE); // replicas republish, but only with the remaining TTL
    expect(await net.settle(reader.getValue(sha256(gone)))).toBeDefined();
    await net.run(2 * MINUTE); // 6 min > 5 min TTL
    expect(await net.settle(reader.getValue(sha256(gone)))).toBeUndefined();
    await net.run(10 * MINUTE);
    const got = await net.settle(reader.getValue(sha256(kept)));
    expect(got && bytesEqual(got, kept)).toBe(true);
    expect(keeper.stats().republished).toBeGreaterThan(0);
  });
});
