import type { Address } from "@plexus/core";
import { afterEach, describe, expect, it } from "vitest";
import { createUdpTransport } from "../src/index.js";
import type { UdpTransport } from "../src/index.js";

const DEADLINE_MS = 5_000;
let made: UdpTransport[] = []; // bound: the few transports one test makes
afterEach(async () => {
  await Promise.all(made.map((t) => t.stop()));
  made = [];
});

/** Resolves with the first datagram's source, or rejects after DEADLINE_MS (a real timer: real sockets). */
function firstFrom(t: UdpTransport): Promise<Address> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no datagram")), DEADLINE_MS);
    t.onDatagram((_data, from) => {
      clearTimeout(timer);
      resolve(from);
    });
  });
}

describe("UDP transport: dual-stack bind and fresh source ports", () => {
  it("bound to ::, it receives IPv4 datagrams (reported as IPv4) and sends to IPv4 addresses", async () => {
    const dual = createUdpTransport({ host: "::" });
    const v4 = createUdpTransport({ host: "127.0.0.1" });
    made.push(dual, v4);
    const port = (await dual.start()).port;
    await v4.start();
    const arrived = firstFrom(dual);
    v4.send({ host: "127.0.0.1", port }, new Uint8Array([1]));
    const from = await arrived;
    expect(from).toEqual(v4.address);
    const back = firstFrom(v4);
    dual.send(from, new Uint8Array([2]));
    expect((await back).port).toBe(port);
  });

  it("sendFromNewPort sends from another port than its own, and counts it", async () => {
    const a = createUdpTransport({ host: "127.0.0.1" });
    const b = createUdpTransport({ host: "127.0.0.1" });
    made.push(a, b);
    await a.start();
    const to = await b.start();
    const arrived = firstFrom(b);
    a.sendFromNewPort(to, new Uint8Array([7]));
    const from = await arrived;
    console.log(`own port ${a.address!.port}, dial-back sent from port ${from.port}`);
    expect(from.host).toBe("127.0.0.1");
    expect(from.port).not.toBe(a.address!.port);
    expect(a.stats().datagramsSent).toBe(1);
  });

  it("drops a fresh-port send before start, and to an address of the other family", () => {
    const a = createUdpTransport({ host: "127.0.0.1" });
    made.push(a);
    a.sendFromNewPort({ host: "127.0.0.1", port: 9 }, new Uint8Array([1]));
    expect(a.stats().datagramsDropped).toBe(1);
  });
});
