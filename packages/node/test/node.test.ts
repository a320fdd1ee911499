import { utf8 } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { describe, expect, it } from "vitest";
import { createNode } from "../src/index.js";
import { settleOn } from "../src/testing/index.js";

function pair() {
  const clock = new ManualClock();
  const random = new SeededRandom(3);
  const network = createMemoryNetwork({ clock, random: random.fork(), latency: 10 });
  const make = () => createNode({ transport: network.createTransport(), clock, random: random.fork() }, { keepAliveIntervalMs: 0 });
  return { clock, a: make(), b: make() };
}

function run<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  return settleOn(clock, promise, 60_000);
}

describe("createNode", () => {
  it("pings, admits contacts that answered, and stops cleanly", async () => {
    const { clock, a, b } = pair();
    await a.start();
    await b.start();
    const contact = await run(clock, b.ping(a.address!));
    expect(contact.id).toEqual(a.id);
    await clock.advanceAsync(100); // a proves its id (verifyIdentities, on by default): one more round trip
    expect(b.table.has(a.id)).toBe(true);
    await clock.advanceAsync(100); // a pinged b back before admitting it
    expect(a.table.has(b.id)).toBe(true);
    await a.stop();
    await b.stop();
    await a.stop();
    expect(clock.pending).toBe(0);
  });

  it("joins, stores and gets a value between two nodes; a missing key is not found", async () => {
    const { clock, a, b } = pair();
    await a.start();
    await b.start();
    await run(clock, b.join(a.address!));
    const key = new Uint8Array(32).fill(9);
    const result = await run(clock, b.putValue(key, utf8("v")));
    expect(result.stored).toBe(1);
    expect(await run(clock, a.getValue(key))).toEqual(utf8("v"));
    expect(await run(clock, a.getValue(new Uint8Array(32).fill(8)))).toBeUndefined();
    await a.stop();
    await b.stop();
  });

  it("rejects every call with signal.reason on an already-aborted signal, even a locally held get", async () => {
    const { clock, a, b } = pair();
    await a.start();
    await b.start();
    await run(clock, b.join(a.address!));
    const key = new Uint8Array(32).fill(9);
    await run(clock, a.putValue(key, utf8("v")));
    const controller = new AbortController();
    const reason = new Error("stop now");
    controller.abort(reason);
    const signal = controller.signal;
    await expect(a.getValue(key, { signal })).rejects.toBe(reason);
    await expect(a.findNode(key, { signal })).rejects.toBe(reason);
    await expect(a.putValue(key, utf8("w"), { signal })).rejects.toBe(reason);
    await expect(a.ping(b.address!, { signal })).rejects.toBe(reason);
    await expect(a.join(b.address!, { signal })).rejects.toBe(reason);
    await expect(a.broadcast(utf8("x"), { signal })).rejects.toBe(reason);
    await expect(a.start({ signal })).rejects.toBe(reason);
    await a.stop();
    await b.stop();
  });

  it("rejects oversized values and broadcasts at the call", async () => {
    const { a } = pair();
    await a.start();
    const put = a.putValue(new Uint8Array(32), new Uint8Array(2000));
    await expect(put).rejects.toMatchObject({ code: "ERR_VALUE_TOO_LARGE" });
    await expect(a.broadcast(new Uint8Array(2000))).rejects.toMatchObject({ code: "ERR_VALUE_TOO_LARGE" });
    await a.stop();
    // Origins are verified by default: a node forced to an id without an identity cannot sign a broadcast.
    const clock = new ManualClock();
    const forced = createNode({ transport: createMemoryNetwork({ clock, random: new SeededRandom(4) }).createTransport(), clock, id: new Uint8Array(32).fill(1) });
    await forced.start();
    await expect(forced.broadcast(new Uint8Array(10))).rejects.toMatchObject({ code: "ERR_NO_IDENTITY" });
    await forced.stop();
  });

  it("fails to join when no bootstrap answers", async () => {
    const { clock, a } = pair();
    await a.start();
    const join = run(clock, a.join({ host: "127.9.9.9", port: 9 }));
    await expect(join).rejects.toMatchObject({ code: "ERR_JOIN_FAILED" });
    await a.stop();
  });

  it("rejects operations before start", async () => {
    const { a } = pair();
    await expect(a.ping({ host: "127.0.0.1", port: 1 })).rejects.toMatchObject({ code: "ERR_NOT_STARTED" });
  });
});
