import { describe, expect, it } from "vitest";
import type { Address } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryStore, recordMemoryBytes } from "@plexus/storage";
import type { MemoryStore } from "@plexus/storage";
import { createMemoryNetwork } from "@plexus/transport-memory";
import type { MemoryTransport } from "@plexus/transport-memory";
import { createCodec } from "@plexus/wire";
import type { KademliaMessage as Message } from "@plexus/wire";
import { createNode } from "../src/index.js";
import type { NodeInit } from "../src/index.js";
import { bytesKey } from "../src/ids/bytes-key.js";
import { LEDGER_OVERHEAD_BYTES } from "../src/records/store-quota.js";
import { settleOn } from "../src/testing/index.js";

const { decode, encode } = createCodec();

/** Records of `store` whose key is in `keys`, and their estimated bytes as the quota counts them. */
function held(store: MemoryStore, keys: ReadonlySet<string>): { records: number; bytes: number } {
  let records = 0, bytes = 0;
  for (const record of store.entries()) {
    if (!keys.has(bytesKey(record.key))) continue;
    records++;
    bytes += recordMemoryBytes(record) + LEDGER_OVERHEAD_BYTES;
  }
  return { records, bytes };
}

/** A raw sender that holds a store token of the victim and counts STORED / ERROR replies. */
interface Writer {
  readonly transport: MemoryTransport;
  token: Uint8Array | undefined;
  stored: number;
  refused: number;
}

/**
 * A victim at 198.18.0.1 with small caps (so the sim is quick), 200 flooding addresses in
 * 198.19.7.0/24 and one honest writer in each of `honestSubnets` other /24s.
 */
async function setup(seed: number, honestSubnets: number, init: NodeInit) {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 5 });
  const store = createMemoryStore({ clock });
  const r = random.fork();
  const victim = createNode({ transport: network.createTransport({ host: "198.18.0.1", port: 4000 }), clock, random: r, id: r.bytes(32), store },
    { keepAliveIntervalMs: 0, ...init });
  await settleOn(clock, victim.start(), 60_000);
  const writer = async (host: string): Promise<Writer> => {
    const w: Writer = { transport: network.createTransport({ host, port: 5000 }), token: undefined, stored: 0, refused: 0 };
    w.transport.onDatagram((data) => {
      const m = decode(data);
      if (m.type === "NODES") w.token = m.token;
      else if (m.type === "STORED") w.stored++;
      else if (m.type === "ERROR") w.refused++;
    });
    await settleOn(clock, w.transport.start(), 60_000);
    return w;
  };
  const flood: Writer[] = [];
  for (let i = 1; i <= 200; i++) flood.push(await writer(`198.19.7.${i}`));
  const honest: Writer[] = [];
  for (let i = 0; i < honestSubnets; i++) honest.push(await writer(`198.18.${10 + i}.1`));
  const all = [...flood, ...honest];
  const to: Address = victim.address!;
  all.forEach((w, i) => {
    w.transport.send(to, encode({ type: "FIND_NODE", rid: i, sender: random.bytes(32), target: random.bytes(32), wantToken: true }));
  });
  await clock.advanceAsync(100);
  expect(all.every((w) => w.token !== undefined)).toBe(true);
  let rid = 1000;
  const store1 = (w: Writer, key: Uint8Array, valueBytes: number): void => {
    const m: Message = { type: "STORE", rid: rid++, sender: random.bytes(32), key, value: random.bytes(valueBytes), ttlMs: 3_600_000, token: w.token! };
    w.transport.send(to, encode(m));
  };
  return { clock, random, victim, store, flood, honest, store1 };
}

describe("store shares per subnet (seed 16)", () => {
  it("a STORE flood from one /24 holds at most its share; every honest STORE from other /24s succeeds", async () => {
    const maxStoredRecords = 1024, maxStoredBytes = 1536 * 1024;
    // The request budget is off so that the flood reaches the store at full speed.
    const { clock, random, victim, store, flood, honest, store1 } = await setup(16, 16, {
      maxStoredRecords, maxStoredBytes, maxRequestsPerSubnetPerSecond: Infinity, maxReplyBytesPerSubnetPerSecond: Infinity,
    });
    const floodKeys = new Set<string>(), honestKeys: Uint8Array[] = [];
    // 50 rounds of 100 ms: the flood sends 100 STOREs of 1,024-byte values a round (5,000 in
    // all, from 200 addresses); each honest /24 sends one 100-byte STORE a round for the first 60.
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < 100 && round < 50; i++) {
        const key = random.bytes(32).slice();
        floodKeys.add(bytesKey(key));
        store1(flood[(round * 100 + i) % flood.length]!, key, 1024);
      }
      for (const w of honest) {
        const key = random.bytes(32).slice();
        honestKeys.push(key);
        store1(w, key, 100);
      }
      await clock.advanceAsync(100);
    }
    await clock.advanceAsync(1000);
    const honestStored = honest.reduce((n, w) => n + w.stored, 0), honestRefused = honest.reduce((n, w) => n + w.refused, 0);
    const floodStored = flood.reduce((n, w) => n + w.stored, 0), floodRefused = flood.reduce((n, w) => n + w.refused, 0);
    const { records: floodHeld, bytes: floodBytes } = held(store, floodKeys);
    const honestHeld = honestKeys.filter((k) => store.get(k) !== undefined).length;
    const stats = victim.stats();
    console.log(`STORE flood, 5,000 x 1 KiB from 200 ids in one /24 vs 16 honest /24s x 60 STOREs of 100 B: ` +
      `honest ${honestStored}/${honestKeys.length} STORED (${(100 * honestStored / honestKeys.length).toFixed(1)} %), ` +
      `${honestHeld} still held; flood ${floodStored} STORED, ${floodRefused} refused, holds ${floodHeld} records, ` +
      `${floodBytes} B estimated (share cap ${maxStoredBytes / 8} B, ${maxStoredRecords / 8} records); ` +
      `store ${store.stats().records} records, ${store.stats().memoryBytes} B estimated of ${maxStoredBytes}; ` +
      `storesOverShare ${stats.storesOverShare}, storeEvictions ${stats.storeEvictions}`);
    expect(honestRefused).toBe(0);
    expect(honestStored).toBe(honestKeys.length);
    expect(honestHeld).toBe(honestKeys.length);
    expect(floodBytes).toBeLessThanOrEqual(maxStoredBytes / 8);
    expect(floodHeld).toBeLessThanOrEqual(maxStoredRecords / 8);
    expect(floodRefused).toBeGreaterThan(4000);
    expect(stats.storeEvictions).toBeGreaterThan(0);
    expect(store.stats().records).toBeLessThanOrEqual(maxStoredRecords);
    await settleOn(clock, victim.stop(), 60_000);
  });

  it("control: without shares (maxStoreSharePerSubnet: Infinity) the flood takes most of the store", async () => {
    const maxStoredBytes = 1536 * 1024;
    const { clock, random, store, flood, honest, store1 } = await setup(16, 16, {
      maxStoredRecords: 1024, maxStoredBytes, maxStoreSharePerSubnet: Infinity,
      maxRequestsPerSubnetPerSecond: Infinity, maxReplyBytesPerSubnetPerSecond: Infinity,
    });
    // The flood first, then the honest writers: eviction when full still lets them in, at
    // the flood's expense, but the flood keeps whatever they do not claim.
    const floodKeys = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const key = random.bytes(32).slice();
      floodKeys.add(bytesKey(key));
      store1(flood[i % flood.length]!, key, 1024);
    }
    await clock.advanceAsync(1000);
    for (const w of honest) for (let i = 0; i < 10; i++) store1(w, random.bytes(32).slice(), 100);
    await clock.advanceAsync(1000);
    const honestStored = honest.reduce((n, w) => n + w.stored, 0);
    const f = held(store, floodKeys);
    console.log(`control without shares: the flood holds ${f.records} records, ${f.bytes} B estimated ` +
      `(${(100 * f.bytes / maxStoredBytes).toFixed(0)} % of the cap); honest ${honestStored}/160 STORED`);
    expect(honestStored).toBe(160);
    expect(f.bytes).toBeGreaterThan(maxStoredBytes / 2);
  });
});
