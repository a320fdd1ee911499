import type { Socket } from "node:dgram";
import { createSocket } from "node:dgram";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Address } from "@plexus/core";
import type { UdpTransport, UdpTransportOptions } from "../src/index.js";
import { createUdpTransport } from "../src/index.js";
import { settle, within } from "./harness.js";

const DEADLINE_MS = 5_000;

/** Whether this machine can bind and use the IPv6 loopback; detected once, in beforeAll. */
let ipv6 = false;

function bindRaw(type: "udp4" | "udp6", host: string): Promise<Socket> {
  const socket = createSocket(type);
  return new Promise<Socket>((resolve, reject) => {
    socket.once("error", (err) => {
      socket.close();
      reject(err);
    });
    socket.bind(0, host, () => resolve(socket));
  });
}

function closeRaw(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}

beforeAll(async () => {
  try {
    await closeRaw(await bindRaw("udp6", "::1"));
    ipv6 = true;
  } catch {
    ipv6 = false;
  }
});

let made: UdpTransport[] = []; // bound: the few transports one test makes
afterEach(async () => {
  await Promise.all(made.map((t) => t.stop()));
  made = [];
});

function udp(options?: UdpTransportOptions): UdpTransport {
  const t = createUdpTransport(options);
  made.push(t);
  return t;
}

/** Resolves with the next datagram `t` receives. */
function next(t: UdpTransport): Promise<{ data: Uint8Array; from: Address }> {
  return within(new Promise((resolve) => t.onDatagram((data, from) => resolve({ data: data.slice(), from }))), DEADLINE_MS);
}

describe("IPv6", () => {
  it("exchanges datagrams over ::1 when the host has IPv6 loopback, else start() rejects ERR_TRANSPORT", async () => {
    const a = udp({ host: "::1" });
    const b = udp({ host: "::1" });
    expect(a.type).toBe("udp6");
    if (!ipv6) {
      await expect(a.start()).rejects.toMatchObject({ code: "ERR_TRANSPORT" });
      return;
    }
    await Promise.all([a.start(), b.start()]);
    expect(a.address!.host).toBe("::1");
    const got = next(b);
    a.send(b.address!, Uint8Array.of(6, 6));
    const { data, from } = await got;
    expect(data).toEqual(Uint8Array.of(6, 6));
    expect(from).toEqual(a.address);
  });

  it("reports IPv4-mapped sources (::ffff:127.0.0.1) as plain IPv4 and sends to IPv4 peers", async () => {
    const dual = udp({ host: "127.0.0.1", type: "udp6" }); // binds ::ffff:127.0.0.1
    if (!ipv6) {
      await expect(dual.start()).rejects.toMatchObject({ code: "ERR_TRANSPORT" });
      return;
    }
    const v4 = udp();
    await Promise.all([dual.start(), v4.start()]);
    expect(dual.address!.host).toBe("127.0.0.1");
    const atDual = next(dual);
    v4.send(dual.address!, Uint8Array.of(4));
    expect((await atDual).from).toEqual(v4.address);
    const atV4 = next(v4);
    dual.send(v4.address!, Uint8Array.of(6));
    expect((await atV4).from).toEqual(dual.address);
  });

  it("counts a send the OS rejects (::1 socket to an IPv4 peer) in sendErrors and drops", async () => {
    const a = udp({ host: "::1" });
    if (!ipv6) {
      await expect(a.start()).rejects.toMatchObject({ code: "ERR_TRANSPORT" });
      return;
    }
    await a.start();
    expect(() => a.send({ host: "127.0.0.1", port: 9 }, Uint8Array.of(1))).not.toThrow();
    await settle();
    expect(a.stats()).toMatchObject({ sendErrors: 1, datagramsDropped: 1 });
  });
});

describe("UDP transport", () => {
  it("drops oversized datagrams from a raw socket before the handler and delivers the rest", async () => {
    const t = udp();
    await t.start();
    const raw = await bindRaw("udp4", "127.0.0.1");
    try {
      const seen: Uint8Array[] = [];
      let marked!: () => void;
      const marker = new Promise<void>((resolve) => (marked = resolve));
      t.onDatagram((data) => {
        seen.push(data.slice());
        if (data[0] === 0xee) marked();
        if (data[0] === 0xbb) throw new Error("handler failure under test");
      });
      const { port } = t.address!;
      raw.send(new Uint8Array(t.maxDatagramBytes + 1), port, "127.0.0.1");
      raw.send(new Uint8Array(9_000), port, "127.0.0.1");
      raw.send(Uint8Array.of(0xde, 0xad, 0xbe, 0xef), port, "127.0.0.1"); // garbage: opaque, delivered
      raw.send(new Uint8Array(0), port, "127.0.0.1");
      raw.send(Uint8Array.of(0xbb), port, "127.0.0.1"); // makes the handler throw
      raw.send(Uint8Array.of(0xee), port, "127.0.0.1");
      await within(marker, DEADLINE_MS);
      await settle();
      expect(seen).toEqual([Uint8Array.of(0xde, 0xad, 0xbe, 0xef), new Uint8Array(0), Uint8Array.of(0xbb), Uint8Array.of(0xee)]);
      expect(t.stats()).toMatchObject({
        datagramsReceived: 4, bytesReceived: 6, datagramsDropped: 3, handlerErrors: 1, socketErrors: 0,
      });
    } finally {
      await closeRaw(raw);
    }
  });

  it("counts sends to invalid addresses as dropped, never throwing or resolving names", async () => {
    const t = udp();
    await t.start();
    const bad: Address[] = [
      { host: "localhost", port: 9 },
      { host: "127.0.0.1", port: 0 },
      { host: "127.0.0.1", port: 70_000 },
      { host: "127.0.0.1", port: 1.5 },
      { host: "127.0.0.1", port: Number.NaN },
      { host: "::1", port: 9 }, // IPv6 from an IPv4 socket
      { host: "", port: 9 },
      null as unknown as Address,
    ];
    for (const to of bad) expect(() => t.send(to, Uint8Array.of(1))).not.toThrow();
    expect(t.stats()).toMatchObject({ datagramsDropped: bad.length, datagramsSent: 0 });
  });

  it("applies the receive buffer best effort and reports what the OS applied", async () => {
    const small = udp({ receiveBufferBytes: 16 * 1024 });
    const large = udp({ receiveBufferBytes: 4 * 1024 * 1024, sendBufferBytes: 64 * 1024 });
    expect(small.receiveBufferBytes).toBeUndefined();
    await Promise.all([small.start(), large.start()]);
    expect(small.receiveBufferBytes).toBeGreaterThanOrEqual(16 * 1024);
    expect(large.receiveBufferBytes).toBeGreaterThan(small.receiveBufferBytes!);
    expect(large.sendBufferBytes).toBeGreaterThanOrEqual(64 * 1024);
    await large.stop();
    expect(large.receiveBufferBytes).toBeUndefined();
  });

  it("rejects start() with ERR_TRANSPORT when the port is taken", async () => {
    const a = udp();
    const { port } = await a.start();
    const b = udp({ port });
    await expect(b.start()).rejects.toMatchObject({ code: "ERR_TRANSPORT" });
    expect(b.address).toBeUndefined();
  });

  it("rejects start() with the signal's reason when aborted during the bind, then starts again", async () => {
    const t = udp();
    const controller = new AbortController();
    const reason = new Error("abort under test");
    const starting = t.start({ signal: controller.signal });
    controller.abort(reason);
    await expect(starting).rejects.toBe(reason);
    expect(t.address).toBeUndefined();
    expect((await t.start()).port).toBeGreaterThan(0);
  });

  it("stop() during start() leaves it stopped; start() after stop() binds afresh", async () => {
    const t = udp();
    const starting = t.start();
    await t.stop();
    await starting;
    expect(t.address).toBeUndefined();
    const again = await t.start();
    const peer = udp();
    await peer.start();
    const got = next(t);
    peer.send(again, Uint8Array.of(1));
    expect((await got).from).toEqual(peer.address);
    await t[Symbol.asyncDispose]();
    expect(t.address).toBeUndefined();
  });

  it("validates options at creation", () => {
    expect(() => createUdpTransport({ host: "localhost" })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ADDRESS" }));
    expect(() => createUdpTransport({ port: -1 })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
    expect(() => createUdpTransport({ host: "::1", type: "udp4" })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
    expect(() => createUdpTransport({ maxDatagramBytes: 70_000 })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }));
    expect(createUdpTransport().maxDatagramBytes).toBe(1232);
  });
});
