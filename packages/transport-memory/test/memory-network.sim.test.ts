import { describe, expect, it } from "vitest";
import type { Address } from "@plexus/core";
import { addressKey, isPlexusError, toHex } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import type { LatencyModel, MemoryNetwork, MemoryTransport } from "../src/index.js";
import { createMemoryNetwork } from "../src/index.js";

interface Sim {
  clock: ManualClock;
  network: MemoryNetwork;
  random: SeededRandom;
}

function sim(seed: number, latency?: LatencyModel, loss?: number): Sim {
  const clock = new ManualClock();
  const random = new SeededRandom(seed);
  const network = createMemoryNetwork({
    clock, random, ...(latency === undefined ? {} : { latency }), ...(loss === undefined ? {} : { loss }),
  });
  return { clock, network, random };
}

/** Makes and starts `n` transports; `ManualClock` is not needed: memory start() is immediate. */
async function nodes(network: MemoryNetwork, n: number): Promise<MemoryTransport[]> {
  const out = Array.from({ length: n }, () => network.createTransport());
  await Promise.all(out.map((t) => t.start()));
  return out;
}

/** Sends one datagram a -> b and returns its latency in clock ms. */
function latencyOf(s: Sim, a: MemoryTransport, b: MemoryTransport): number {
  let at: number | undefined;
  b.onDatagram(() => {
    at = s.clock.now();
  });
  const sentAt = s.clock.now();
  a.send(b.address!, Uint8Array.of(1));
  s.clock.advance(10_000);
  expect(at).toBeDefined();
  return at! - sentAt;
}

describe("memory network latency", () => {
  it("seed 11: a fixed number is exact", async () => {
    const s = sim(11, 25);
    const [a, b] = await nodes(s.network, 2);
    expect(latencyOf(s, a!, b!)).toBe(25);
  });

  it("seed 12: per-link latency stays in [minMs, maxMs], is symmetric and stable per link", async () => {
    const s = sim(12, { minMs: 10, maxMs: 90 });
    const ts = await nodes(s.network, 12);
    const seen = new Set<number>();
    for (let i = 0; i < ts.length; i++) {
      for (let j = i + 1; j < ts.length; j++) {
        const there = latencyOf(s, ts[i]!, ts[j]!);
        expect(there).toBeGreaterThanOrEqual(10);
        expect(there).toBeLessThanOrEqual(90);
        expect(latencyOf(s, ts[j]!, ts[i]!)).toBe(there);
        expect(latencyOf(s, ts[i]!, ts[j]!)).toBe(there);
        seen.add(there);
      }
    }
    expect(seen.size).toBeGreaterThan(30); // links differ (66 links drawn from a continuum)
  });

  it("seed 13: per-link base plus jitter stays in [minMs, maxMs + jitterMs)", async () => {
    const s = sim(13, { minMs: 10, maxMs: 20, jitterMs: 5 });
    const [a, b] = await nodes(s.network, 2);
    const samples = Array.from({ length: 200 }, () => latencyOf(s, a!, b!));
    for (const ms of samples) {
      expect(ms).toBeGreaterThanOrEqual(10);
      expect(ms).toBeLessThan(25);
    }
    expect(Math.max(...samples) - Math.min(...samples)).toBeGreaterThan(3);
  });

  it("seed 14: mean ± jitter stays in [mean - jitter, mean + jitter]", async () => {
    const s = sim(14, { meanMs: 50, jitterMs: 10 });
    const [a, b] = await nodes(s.network, 2);
    const samples = Array.from({ length: 500 }, () => latencyOf(s, a!, b!));
    for (const ms of samples) {
      expect(ms).toBeGreaterThanOrEqual(40);
      expect(ms).toBeLessThanOrEqual(60);
    }
    const mean = samples.reduce((x, y) => x + y, 0) / samples.length;
    expect(Math.abs(mean - 50)).toBeLessThan(1.5);
  });

  it("seed 15: a function model is called per datagram with the network's Random", async () => {
    const s = sim(15, (random) => 1 + random.int(3));
    const [a, b] = await nodes(s.network, 2);
    const samples = new Set(Array.from({ length: 100 }, () => latencyOf(s, a!, b!)));
    expect([...samples].sort()).toEqual([1, 2, 3]);
  });

  it("rejects invalid settings with ERR_INVALID_ARGUMENT", () => {
    const bad = (f: () => unknown): void => {
      expect(f).toThrow();
      try { f(); } catch (err) { expect(isPlexusError(err, "ERR_INVALID_ARGUMENT")).toBe(true); }
    };
    bad(() => sim(1, { minMs: 20, maxMs: 10 }));
    bad(() => sim(1, -1));
    bad(() => sim(1, 0, 1.5));
    bad(() => sim(1).network.setLoss(-0.1));
    bad(() => sim(1).network.createTransport({ port: 70_000 }));
    bad(() => createMemoryNetwork({ clock: new ManualClock(), random: new SeededRandom(1), maxDatagramBytes: 0 }));
  });
});

describe("memory network loss", () => {
  it("seed 21: loss 0.3 over 10,000 datagrams loses close to 30%", async () => {
    const s = sim(21, 5, 0.3);
    const [a, b] = await nodes(s.network, 2);
    let got = 0;
    b!.onDatagram(() => got++);
    for (let i = 0; i < 10_000; i++) a!.send(b!.address!, Uint8Array.of(i & 0xff));
    s.clock.advance(10);
    const rate = 1 - got / 10_000;
    expect(Math.abs(rate - 0.3)).toBeLessThan(0.02); // ±4 standard deviations
    expect(s.network.stats()).toMatchObject({ sent: 10_000, lost: 10_000 - got, delivered: got, inFlight: 0 });
  });

  it("seed 22: setLoss(1) loses everything, setLoss(0) nothing", async () => {
    const s = sim(22, 1);
    const [a, b] = await nodes(s.network, 2);
    let got = 0;
    b!.onDatagram(() => got++);
    s.network.setLoss(1);
    for (let i = 0; i < 100; i++) a!.send(b!.address!, Uint8Array.of(1));
    s.network.setLoss(0);
    for (let i = 0; i < 100; i++) a!.send(b!.address!, Uint8Array.of(2));
    s.clock.advance(5);
    expect(got).toBe(100);
    expect(s.network.stats().lost).toBe(100);
  });
});

describe("memory network partitions", () => {
  it("seed 31: partition drops between groups, heal restores", async () => {
    const s = sim(31, 3);
    const [a, b, c, d] = await nodes(s.network, 4);
    const got = new Map<string, string[]>();
    for (const t of [a!, b!, c!, d!]) {
      const list: string[] = [];
      got.set(addressKey(t.address!), list);
      t.onDatagram((_data, from) => list.push(addressKey(from)));
    }
    const inbox = (t: MemoryTransport): string[] => got.get(addressKey(t.address!))!;
    s.network.partition([[a!.address!, b!.address!], [c!.address!]]);
    a!.send(b!.address!, Uint8Array.of(1)); // same group: delivered
    a!.send(c!.address!, Uint8Array.of(1)); // across: dropped
    c!.send(a!.address!, Uint8Array.of(1)); // across: dropped
    d!.send(c!.address!, Uint8Array.of(1)); // d is in no group: its own group, dropped
    s.clock.advance(10);
    expect(inbox(b!)).toEqual([addressKey(a!.address!)]);
    expect(inbox(a!)).toEqual([]);
    expect(inbox(c!)).toEqual([]);
    expect(s.network.stats()).toMatchObject({ partitioned: 3, dropped: 3, delivered: 1 });

    s.network.heal();
    a!.send(c!.address!, Uint8Array.of(2));
    d!.send(c!.address!, Uint8Array.of(2));
    s.clock.advance(10);
    expect(inbox(c!)).toEqual([addressKey(a!.address!), addressKey(d!.address!)]);
  });
});

/** A run with jitter, loss and a partition; returns every delivery as one line. */
async function trace(seed: number): Promise<string[]> {
  const s = sim(seed, { minMs: 5, maxMs: 40, jitterMs: 10 }, 0.1);
  const ts = await nodes(s.network, 20);
  const lines: string[] = []; // bound: at most the 400 datagrams sent below
  for (const t of ts) {
    t.onDatagram((data, from) => lines.push(`${s.clock.now()} ${addressKey(from)}>${addressKey(t.address!)} ${toHex(data)}`));
  }
  s.network.partition([ts.slice(0, 5).map((t) => t.address!)]);
  for (let round = 0; round < 20; round++) {
    for (const t of ts) t.send(ts[s.random.int(ts.length)]!.address!, s.random.bytes(8));
    s.clock.advance(7);
  }
  s.clock.advance(1_000);
  return lines;
}

describe("memory network determinism", () => {
  it("seed 41: the same seed gives the same delivery trace, another seed another", async () => {
    const first = await trace(41);
    expect(first.length).toBeGreaterThan(200);
    expect(await trace(41)).toEqual(first);
    expect(await trace(42)).not.toEqual(first);
  });
});

describe("memory transports", () => {
  it("auto-assigns distinct 127.0.0.0/8 hosts and honours explicit ones", async () => {
    const s = sim(51);
    const ts = await nodes(s.network, 300);
    expect(ts[0]!.address!.host).toBe("127.0.0.1");
    expect(ts[255]!.address!.host).toBe("127.0.1.0");
    expect(new Set(ts.map((t) => addressKey(t.address!))).size).toBe(300);
    const fixed = s.network.createTransport({ host: "10.0.0.1", port: 4000 });
    expect(await fixed.start()).toEqual({ host: "10.0.0.1", port: 4000 });
    const clash = s.network.createTransport({ host: "10.0.0.1", port: 4000 });
    await expect(clash.start()).rejects.toMatchObject({ code: "ERR_TRANSPORT" });
    const sameHost = s.network.createTransport({ host: "10.0.0.1" });
    expect((await sameHost.start()).host).toBe("10.0.0.1");
  });

  it("routes by port among transports sharing a host, as they bind and unbind", async () => {
    const s = sim(55, 1);
    const [sender] = await nodes(s.network, 1);
    const got: string[] = [];
    const on = async (port: number): Promise<MemoryTransport> => {
      const t = s.network.createTransport({ host: "10.0.0.9", port });
      t.onDatagram((data) => got.push(`${port}:${data[0]}`));
      await t.start();
      return t;
    };
    const send = (port: number, byte: number): void => sender!.send({ host: "10.0.0.9", port }, Uint8Array.of(byte));
    const a = await on(4001);
    send(4001, 1);
    send(4002, 2); // nobody there yet
    const b = await on(4002);
    const c = await on(4003);
    send(4001, 3);
    send(4002, 4);
    send(4003, 5);
    s.clock.advance(1);
    await a.stop();
    await c.stop();
    send(4001, 6); // gone
    send(4002, 7); // b is alone on the host again
    s.clock.advance(1);
    await b.stop();
    send(4002, 8);
    s.clock.advance(1);
    expect(got).toEqual(["4001:1", "4001:3", "4002:4", "4003:5", "4002:7"]);
    expect(s.network.stats()).toMatchObject({ unreachable: 3, delivered: 5 });
  });

  it("copies the bytes at send: later changes by the sender are not seen", async () => {
    const s = sim(52, 5);
    const [a, b] = await nodes(s.network, 2);
    const seen: Uint8Array[] = [];
    b!.onDatagram((data) => seen.push(data));
    const data = Uint8Array.of(1, 2, 3);
    a!.send(b!.address!, data);
    data[0] = 99;
    s.clock.advance(5);
    expect(seen[0]).toEqual(Uint8Array.of(1, 2, 3));
  });

  it("counts a datagram whose receiver stops while it is in flight as unreachable", async () => {
    const s = sim(53, 5);
    const [a, b] = await nodes(s.network, 2);
    a!.send(b!.address!, Uint8Array.of(1));
    a!.send({ host: "127.9.9.9", port: 1 } satisfies Address, Uint8Array.of(1));
    await b!.stop();
    s.clock.advance(5);
    expect(s.network.stats()).toMatchObject({ unreachable: 2, delivered: 0, inFlight: 0, transports: 1 });
  });

  it("seed 54: 100,000 transports on one network each send and receive", async () => {
    const s = sim(54, { minMs: 1, maxMs: 100 });
    const n = 100_000;
    const ts = await nodes(s.network, n);
    let got = 0;
    for (const t of ts) t.onDatagram(() => got++);
    for (let i = 0; i < n; i++) ts[i]!.send(ts[(i + 1) % n]!.address!, Uint8Array.of(i & 0xff));
    s.clock.advance(100);
    expect(got).toBe(n);
    expect(s.network.stats()).toMatchObject({ transports: n, sent: n, delivered: n, inFlight: 0 });
  }, 60_000);
});
