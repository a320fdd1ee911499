import { describe, expect, it } from "vitest";
import type { Address } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork, dualStackTransport } from "../src/index.js";

describe("dual-stack transport", () => {
  it("seed 41: one socket bound to ::, sending from the family of each destination, hearing both", async () => {
    const clock = new ManualClock();
    const network = createMemoryNetwork({ clock, random: new SeededRandom(41), latency: 5 });
    const dual = dualStackTransport(network, "198.18.0.1", "fd00::1", 4000);
    const v4 = network.createTransport({ host: "198.18.0.2", port: 4000 });
    const v6 = network.createTransport({ host: "fd00::2", port: 4000 });
    expect(await dual.start()).toEqual({ host: "::", port: 4000 });
    await Promise.all([v4.start(), v6.start()]);
    const heard: Address[] = [];
    const heardBy: string[] = [];
    dual.onDatagram((_data, from) => heard.push(from));
    v4.onDatagram((_data, from) => heardBy.push(`v4 from ${from.host}`));
    v6.onDatagram((_data, from) => heardBy.push(`v6 from ${from.host}`));
    dual.send(v4.address!, Uint8Array.of(1));
    dual.send(v6.address!, Uint8Array.of(2, 2));
    v4.send({ host: "198.18.0.1", port: 4000 }, Uint8Array.of(3));
    v6.send({ host: "fd00::1", port: 4000 }, Uint8Array.of(4));
    clock.advance(10);
    expect(heardBy.sort()).toEqual(["v4 from 198.18.0.1", "v6 from fd00::1"]);
    expect(heard.map((a) => a.host).sort()).toEqual(["198.18.0.2", "fd00::2"]);
    expect(dual.stats()).toMatchObject({ datagramsSent: 2, datagramsReceived: 2, bytesSent: 3, bytesReceived: 2 });
    await dual.stop();
    expect(dual.address).toBeUndefined();
  });
});
