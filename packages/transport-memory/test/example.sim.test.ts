import { expect, it } from "vitest";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "../src/index.js";

it("README example (seed 42)", async () => {
  const clock = new ManualClock();
  const network = createMemoryNetwork({
    clock,
    random: new SeededRandom(42),
    latency: { minMs: 10, maxMs: 80 },
    loss: 0.01,
  });
  const a = network.createTransport();
  const b = network.createTransport();
  await Promise.all([a.start(), b.start()]);
  const got: string[] = [];
  b.onDatagram((data, from) => got.push(`${data.length} bytes from ${from.host}:${from.port}`));
  a.send(b.address!, new Uint8Array([1, 2, 3]));
  clock.advance(100);
  const { delivered, lost } = network.stats();
  expect(delivered + lost).toBe(1);
  expect(got).toEqual(delivered === 1 ? [`3 bytes from 127.0.0.1:${a.address!.port}`] : []);
});
