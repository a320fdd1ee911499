import type { Address, DatagramHandler, Transport, TransportStats } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createCodec } from "@plexus/wire";
import type { KademliaMessage as Message } from "@plexus/wire";
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { Rpc } from "../src/rpc/rpc.js";
import type { RpcConfig } from "../src/rpc/rpc.js";
import { Counters } from "../src/stats/counters.js";

/** A codec of this test's own. */
const { decode, encode } = createCodec();

class CaptureTransport implements Transport {
  readonly maxDatagramBytes = 1232;
  readonly address: Address = { host: "127.0.0.1", port: 1 };
  readonly sent: { to: Address; message: Message }[] = [];
  onDatagram(_handler: DatagramHandler | undefined): void {}
  start(): Promise<Address> { return Promise.resolve(this.address); }
  send(to: Address, data: Uint8Array): void { this.sent.push({ to, message: decode(data) }); }
  stop(): Promise<void> { return Promise.resolve(); }
  stats(): TransportStats { return { datagramsSent: 0, datagramsReceived: 0, bytesSent: 0, bytesReceived: 0, datagramsDropped: 0 }; }
}

const PEER: Address = { host: "127.0.0.2", port: 2 };
const OTHER: Address = { host: "127.0.0.3", port: 3 };
const PEER_ID = new Uint8Array(32).fill(2);

function setup(overrides: Partial<RpcConfig> = {}) {
  const clock = new ManualClock();
  const transport = overrides.transport ?? new CaptureTransport();
  const counters = new Counters();
  const failures: Address[] = [];
  const rpc = new Rpc({
    self: new Uint8Array(32).fill(1), transport, codec: { encode: (m) => encode(m as Message) }, clock, random: new SeededRandom(1), counters,
    hooks: { onReply: () => undefined, onFailure: (to) => failures.push(to) },
    timeoutMs: 100, maxInFlight: 4, maxQueued: 2, ...overrides,
  });
  const pong = (rid: number, from = PEER) =>
    rpc.handleResponse(decode(encode({ type: "PONG", rid, sender: PEER_ID })) as never, from);
  return { clock, transport: transport as CaptureTransport, counters, rpc, failures, pong };
}

describe("Rpc", () => {
  it("matches a reply by rid and source address", async () => {
    const { transport, rpc, pong } = setup();
    const reply = rpc.request(PEER, { type: "PING" });
    const rid = transport.sent[0]!.message.rid;
    pong(rid);
    await expect(reply).resolves.toMatchObject({ message: { type: "PONG", rid }, from: PEER });
    expect(rpc.inFlight).toBe(0);
  });

  it("drops a reply with the right rid from the wrong address", async () => {
    const { transport, rpc, pong, counters, clock } = setup();
    const reply = rpc.request(PEER, { type: "PING" });
    const rid = transport.sent[0]!.message.rid;
    pong(rid, OTHER);
    expect(counters.wrongSource).toBe(1);
    pong(rid + 1);
    expect(counters.unmatched).toBe(1);
    expect(rpc.inFlight).toBe(1);
    clock.advance(100);
    await expect(reply).rejects.toMatchObject({ code: "ERR_RPC_TIMEOUT" });
  });

  it("retries with a doubled timeout, then fails and reports the failure", async () => {
    const { transport, rpc, counters, clock, failures } = setup();
    const reply = rpc.request(PEER, { type: "PING" }, PEER_ID, { retries: 1 });
    reply.catch(() => undefined);
    clock.advance(100);
    expect(transport.sent).toHaveLength(2);
    expect(counters.rpcRetries).toBe(1);
    clock.advance(199);
    expect(counters.rpcTimeouts).toBe(0);
    clock.advance(1);
    await expect(reply).rejects.toMatchObject({ code: "ERR_RPC_TIMEOUT", timeoutMs: 200 });
    expect(failures).toEqual([PEER]);
    expect(clock.pending).toBe(0);
  });

  it("retransmits a timed-out request with the same rid and the same bytes", async () => {
    class RawTransport extends CaptureTransport {
      readonly raw: string[] = [];
      override send(to: Address, data: Uint8Array): void {
        this.raw.push(Buffer.from(data).toString("hex"));
        super.send(to, data);
      }
    }
    const transport = new RawTransport();
    const { rpc, clock } = setup({ transport });
    const first = rpc.request(PEER, { type: "FIND_NODE", target: new Uint8Array(32).fill(7) }, PEER_ID, { retries: 1 });
    const second = rpc.request(OTHER, { type: "PING" });
    first.catch(() => undefined);
    second.catch(() => undefined);
    clock.advance(100); // both time out; only the first retries
    expect(transport.raw).toHaveLength(3);
    expect(transport.raw[2]).toBe(transport.raw[0]);
    expect(transport.sent[2]!.message).toMatchObject({ type: "FIND_NODE", rid: transport.sent[0]!.message.rid });
    clock.advance(200);
    await expect(first).rejects.toMatchObject({ code: "ERR_RPC_TIMEOUT" });
  });

  it("adapts the timeout to measured round trips (RFC 6298 RTO), clamped to [min, timeoutMs]", async () => {
    const { transport, rpc, clock, pong } = setup({ timeoutMs: 1000, minTimeoutMs: 100 });
    expect(rpc.timeoutMs).toBe(1000); // no sample yet: the cap
    for (let i = 0; i < 8; i++) {
      const reply = rpc.request(PEER, { type: "PING" });
      clock.advance(20);
      pong(transport.sent[transport.sent.length - 1]!.message.rid);
      await reply;
    }
    expect(rpc.srttMs).toBeCloseTo(20, 5);
    expect(rpc.timeoutMs).toBe(100); // srtt 20 + 4 * rttvar (~1) is under the floor
    const dead = rpc.request(PEER, { type: "PING" });
    dead.catch(() => undefined);
    clock.advance(99);
    expect(rpc.inFlight).toBe(1);
    clock.advance(1);
    await expect(dead).rejects.toMatchObject({ code: "ERR_RPC_TIMEOUT", timeoutMs: 100 });
    // Each timeout doubles it (RFC 6298 5.5) so slower replies can still be measured...
    expect(rpc.timeoutMs).toBe(200);
    const slow = rpc.request(PEER, { type: "PING" });
    clock.advance(150);
    pong(transport.sent[transport.sent.length - 1]!.message.rid);
    await slow;
    // ...and a fresh sample ends the backoff: srtt 36.25 + 4 * rttvar 33.5 = ~170 (not 2x).
    expect(rpc.timeoutMs).toBeCloseTo(36.25 + 4 * (0.75 * 10 * 0.75 ** 7 + 0.25 * 130), 5);
  });

  it("keeps a fixed timeout when minTimeoutMs is not below timeoutMs", async () => {
    const { transport, rpc, clock, pong } = setup({ timeoutMs: 300, minTimeoutMs: 300 });
    const reply = rpc.request(PEER, { type: "PING" });
    clock.advance(5);
    pong(transport.sent[0]!.message.rid);
    await reply;
    expect(rpc.timeoutMs).toBe(300);
  });

  it("caps requests in flight, queues FIFO with a bound, and rejects past it", async () => {
    const { transport, rpc, pong, counters } = setup();
    const replies = Array.from({ length: 6 }, () => rpc.request(PEER, { type: "PING" }));
    expect(rpc.inFlight).toBe(4);
    expect(rpc.queued).toBe(2);
    await expect(rpc.request(PEER, { type: "PING" })).rejects.toMatchObject({ code: "ERR_TOO_MANY_REQUESTS" });
    expect(counters.rpcRejected).toBe(1);
    pong(transport.sent[0]!.message.rid);
    expect(transport.sent).toHaveLength(5);
    for (const s of transport.sent.slice(1)) pong(s.message.rid);
    pong(transport.sent[5]!.message.rid);
    await Promise.all(replies);
    expect(rpc.inFlight + rpc.queued).toBe(0);
  });

  it("rejects with the signal's reason when aborted and releases the timer", async () => {
    const { rpc, clock } = setup();
    const controller = new AbortController();
    const reply = rpc.request(PEER, { type: "PING" }, undefined, { signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(reply).rejects.toBe(reason);
    expect(rpc.inFlight).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it("adds one abort listener per caller signal, however many requests share it, and removes it", async () => {
    const { rpc, transport, pong } = setup({ maxInFlight: 20, maxQueued: 20 });
    const controller = new AbortController();
    const replies = Array.from({ length: 30 }, () => rpc.request(PEER, { type: "PING" }, PEER_ID, { signal: controller.signal }));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    for (let i = 0; i < 30; i++) pong(transport.sent[i]!.message.rid);
    await Promise.all(replies);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    const more = Array.from({ length: 3 }, () => rpc.request(PEER, { type: "PING" }, undefined, { signal: controller.signal }));
    const reason = new Error("stop");
    controller.abort(reason);
    for (const r of more) await expect(r).rejects.toBe(reason);
    expect(rpc.inFlight + rpc.queued).toBe(0);
  });

  it("gives unique request ids among pending requests", () => {
    const { transport, rpc } = setup({ maxInFlight: 200, maxQueued: 0 });
    for (let i = 0; i < 200; i++) rpc.request(PEER, { type: "PING" }).catch(() => undefined);
    expect(new Set(transport.sent.map((s) => s.message.rid)).size).toBe(200);
    rpc.cancelAll(new Error("done"));
  });

  describe("a reply that does not answer the request", () => {
    const reply = (rpc: Rpc, rid: number, message: Record<string, unknown>) =>
      rpc.handleResponse(decode(encode({ rid, sender: PEER_ID, ...message } as Message)) as never, PEER);

    it("fails at once when it comes from another node than the one asked, and counts against that contact", async () => {
      const { transport, rpc, counters, failures } = setup();
      const asked = new Uint8Array(32).fill(9); // the table says PEER is node 9; node 2 answers there
      const request = rpc.request(PEER, { type: "PING" }, asked);
      reply(rpc, transport.sent[0]!.message.rid, { type: "PONG" });
      await expect(request).rejects.toMatchObject({ code: "ERR_REMOTE", protocolCode: 0 });
      expect([counters.badReplies, failures.length, rpc.inFlight]).toEqual([1, 1, 0]);
    });

    it("fails when its type does not answer the request type (ERROR always may)", async () => {
      const { transport, rpc, counters } = setup();
      const ping = rpc.request(PEER, { type: "PING" }, PEER_ID);
      reply(rpc, transport.sent[0]!.message.rid, { type: "NODES", contacts: [] });
      await expect(ping).rejects.toMatchObject({ code: "ERR_REMOTE", protocolCode: 0 });
      const find = rpc.request(PEER, { type: "FIND_VALUE", key: new Uint8Array(32) }, PEER_ID);
      reply(rpc, transport.sent[1]!.message.rid, { type: "NODES", contacts: [] });
      await expect(find).resolves.toMatchObject({ message: { type: "NODES" } });
      const store = rpc.request(PEER, { type: "FIND_NODE", target: new Uint8Array(32) }, PEER_ID);
      reply(rpc, transport.sent[2]!.message.rid, { type: "ERROR", code: 4, message: "busy" });
      await expect(store).resolves.toMatchObject({ message: { type: "ERROR", code: 4 } });
      expect(counters.badReplies).toBe(1);
    });
  });

  it("after a request timed out on every attempt, requests there fail at once with no datagram, until it speaks or 30 s pass", async () => {
    const { transport, rpc, counters, clock, failures } = setup();
    const first = rpc.request(PEER, { type: "PING" }, undefined, { retries: 1 });
    await clock.advanceAsync(1000);
    await expect(first).rejects.toMatchObject({ code: "ERR_RPC_TIMEOUT" });
    expect(transport.sent.length).toBe(2);
    const skipped = rpc.request(PEER, { type: "PING" });
    await clock.advanceAsync(1);
    await expect(skipped).rejects.toMatchObject({ code: "ERR_RPC_TIMEOUT" });
    expect([transport.sent.length, counters.rpcSkipped, failures.length]).toEqual([2, 1, 2]);
    // One lost datagram (no retry) does not silence an address.
    const other = rpc.request(OTHER, { type: "PING" });
    await clock.advanceAsync(1000);
    await expect(other).rejects.toMatchObject({ code: "ERR_RPC_TIMEOUT" });
    rpc.request(OTHER, { type: "PING" }).catch(() => undefined);
    expect(transport.sent.length).toBe(4);
    // It sent us something: worth asking again.
    rpc.heardFrom(PEER);
    rpc.request(PEER, { type: "PING" }).catch(() => undefined);
    expect(transport.sent.length).toBe(5);
    rpc.cancelAll(new Error("done"));
  });

  it("a request answered through another node (through: a relay) that times out blames no one at its address", async () => {
    const { transport, rpc, counters, clock, failures, pong } = setup();
    const relayed = rpc.request(PEER, { type: "PING" }, PEER_ID, { retries: 1, through: true });
    await clock.advanceAsync(1000);
    await expect(relayed).rejects.toMatchObject({ code: "ERR_RPC_TIMEOUT" });
    // Not marked unresponsive, no failure counted against its contact: the next request goes out.
    const next = rpc.request(PEER, { type: "PING" }, PEER_ID);
    expect([transport.sent.length, counters.rpcSkipped, failures.length]).toEqual([3, 0, 0]);
    pong(transport.sent[2]!.message.rid);
    await expect(next).resolves.toMatchObject({ message: { type: "PONG" } });
    rpc.cancelAll(new Error("done"));
  });

  it("requests on behalf of others take at most a quarter of the slots and queue, wait behind our own, and are shed beyond", async () => {
    const { transport, rpc, counters, clock } = setup({ maxInFlight: 8, maxQueued: 8 });
    const shed: unknown[] = [];
    for (let i = 0; i < 10; i++) rpc.request(PEER, { type: "PING" }, undefined, { onBehalf: true }).catch((e: unknown) => { shed.push(e); });
    await clock.advanceAsync(0);
    expect([transport.sent.length, rpc.queued, counters.rpcShed, shed.length]).toEqual([2, 2, 6, 6]);
    expect(shed[0]).toMatchObject({ code: "ERR_TOO_MANY_REQUESTS" });
    // Our own requests still find 6 free slots, and go first when slots free up.
    for (let i = 0; i < 8; i++) rpc.request(OTHER, { type: "PING" }).catch(() => undefined);
    expect([transport.sent.length, rpc.queued, counters.rpcRejected]).toEqual([8, 4, 0]);
    await clock.advanceAsync(100); // every request in flight times out; the queue drains, own ones first
    expect(transport.sent.slice(8, 10).map((s) => s.to)).toEqual([OTHER, OTHER]);
    rpc.cancelAll(new Error("done"));
  });
});

