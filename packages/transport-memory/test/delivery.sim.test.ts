import { describe, expect, it } from "vitest";
import type { Address, Clock } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import type { LatencyModel, MemoryNetwork } from "../src/index.js";
import { createMemoryNetwork } from "../src/index.js";

const bytes = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);

describe("memory network deliveries", () => {
  it("seed 31: the receiver gets a private copy at every size (heap, slab, own buffer)", async () => {
    const clock = new ManualClock();
    const network = createMemoryNetwork({ clock, random: new SeededRandom(31), latency: 5, maxDatagramBytes: 8000 });
    const a = network.createTransport();
    const b = network.createTransport();
    await Promise.all([a.start(), b.start()]);
    const got: Uint8Array[] = [];
    b.onDatagram((data) => {
      got.push(data.slice());
      expect(Object.getPrototypeOf(data)).toBe(Uint8Array.prototype);
      data.fill(0xee); // must not reach the sender's buffer or any other datagram
    });
    const sizes = [1, 64, 65, 200, 900, 900, 4096, 4097, 7000];
    const sent = sizes.map((n, i) => bytes(n, i + 1));
    for (const data of sent) a.send(b.address!, data);
    for (const data of sent) data.fill(0); // the sender reuses its buffers at once
    clock.advance(10);
    expect(got).toEqual(sizes.map((n, i) => bytes(n, i + 1)));
  });

  it("seed 32: a datagram in flight goes to whoever is bound at its address on arrival", async () => {
    const clock = new ManualClock();
    const network = createMemoryNetwork({ clock, random: new SeededRandom(32), latency: 10 });
    const a = network.createTransport();
    const b = network.createTransport({ host: "127.9.0.1", port: 5000 });
    await Promise.all([a.start(), b.start()]);
    const log: string[] = [];
    b.onDatagram((d) => log.push(`b${d[0]}`));
    const to: Address = { host: "127.9.0.1", port: 5000 };

    a.send(to, Uint8Array.of(1)); // b stops, restarts on the same address: b gets it
    await b.stop();
    await b.start();
    clock.advance(10);

    a.send(to, Uint8Array.of(2)); // b stops, c takes the address: c gets it
    await b.stop();
    const c = network.createTransport({ host: "127.9.0.1", port: 5000 });
    c.onDatagram((d) => log.push(`c${d[0]}`));
    await c.start();
    clock.advance(10);

    a.send(to, Uint8Array.of(3)); // c stops, nobody takes it: unreachable
    await c.stop();
    clock.advance(10);

    expect(log).toEqual(["b1", "c2"]);
    expect(network.stats()).toMatchObject({ sent: 3, delivered: 2, unreachable: 1, dropped: 1, inFlight: 0 });
  });

  it("seed 33: any Clock gives the same delivery trace as a ManualClock", async () => {
    const latency: LatencyModel = { minMs: 5, maxMs: 50, jitterMs: 3 };
    const run = async (wrap: boolean): Promise<string[]> => {
      const manual = new ManualClock();
      // A plain Clock: the network cannot tell it is backed by a ManualClock.
      const clock: Clock = wrap ? { now: () => manual.now(), setTimeout: (fn, ms) => manual.setTimeout(fn, ms) } : manual;
      const network: MemoryNetwork = createMemoryNetwork({ clock, random: new SeededRandom(33), latency, loss: 0.1 });
      const ts = Array.from({ length: 6 }, () => network.createTransport());
      await Promise.all(ts.map((t) => t.start()));
      const trace: string[] = [];
      ts.forEach((t, i) => t.onDatagram((d, from) => trace.push(`${manual.now()} ${from.host}>${i} ${d[0]}`)));
      for (let round = 0; round < 20; round++) {
        ts.forEach((t, i) => t.send(ts[(i + round + 1) % ts.length]!.address!, Uint8Array.of(round)));
        manual.advance(7);
      }
      manual.advance(100);
      trace.push(JSON.stringify(network.stats()));
      return trace;
    };
    const direct = await run(false);
    expect(direct.length).toBeGreaterThan(90);
    expect(await run(true)).toEqual(direct);
  });
});
