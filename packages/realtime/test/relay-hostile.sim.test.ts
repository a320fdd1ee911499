import { createIdentity, OriginKind, signOrigin } from "@plexus/node";
import { settleOn } from "@plexus/node/testing";
import { createCodec, ProtocolErrorCode } from "@plexus/wire";
import type { WireMessage } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { NO_RESERVATION, RealtimeMessageType, realtimeMessages } from "../src/index.js";
import { lab } from "./support/nat-lab.js";

const { decode, encode } = createCodec({ messages: realtimeMessages });
const SEED = 43;

/** A public node behind a NAT-less address that speaks raw datagrams, and proves its address at `to` first (10.6). */
async function attackerOf(env: Awaited<ReturnType<typeof lab>>) {
  const { clock, network, random } = env;
  const me = createIdentity();
  const transport = network.createTransport({ host: "198.18.200.10", port: 4000 });
  const heard: WireMessage[] = [];
  let bytesIn = 0;
  let token: Uint8Array | undefined;
  transport.onDatagram((data) => {
    bytesIn += data.length;
    const m = decode(data);
    heard.push(m);
    if (m.type === "NODES" || m.type === "ERROR") token = m.token ?? token;
  });
  await settleOn(clock, transport.start(), 1_000);
  let rid = 1;
  return {
    me, heard, bytes: () => bytesIn,
    send(to: { host: string; port: number }, m: object): void {
      transport.send(to, encode({ rid: rid++, sender: me.id, ...m } as never));
    },
    async prove(to: { host: string; port: number }): Promise<void> {
      transport.send(to, encode({ type: "FIND_NODE", rid: rid++, sender: me.id, target: random.bytes(32) }));
      await clock.advanceAsync(200);
      transport.send(to, encode({ type: "PING", rid: rid++, sender: me.id, token: token! }));
      await clock.advanceAsync(200);
    },
  };
}

describe(`relays under attack (seed ${SEED})`, () => {
  it("nobody reserves in another node's name, and a relay forwards within its budget only", async () => {
    const env = await lab(SEED, ["symmetric"]);
    const { clock, hosts } = env;
    const target = hosts.find((h) => h.kind === "symmetric")!;
    expect(target.rt.stats().reservations).toBe(3);
    const relay = hosts.find((h) => h.rt.stats().reservationsServed === 1)!;
    const relayAddress = relay.node.address!;
    const attacker = await attackerOf(env);
    await attacker.prove(relayAddress);

    // Hijack: a RESERVE in the target's name, signed by the attacker's key, then unsigned.
    const forgedBefore = relay.rt.stats().originsForged;
    const id = new Uint8Array(16).fill(7);
    const auth = signOrigin(attacker.me, OriginKind.RESERVATION, { origin: target.node.id, id, scope: relay.node.id, data: new Uint8Array(0) }, 1);
    attacker.heard.length = 0;
    attacker.send(relayAddress, { type: "RESERVE", sender: target.node.id, id, ttlMs: 60_000, flags: 0, auth });
    attacker.send(relayAddress, { type: "RESERVE", sender: target.node.id, id, ttlMs: 60_000, flags: 0 });
    await clock.advanceAsync(200);
    expect(attacker.heard.filter((m) => m.type === "RESERVED")).toHaveLength(0);
    expect(relay.rt.stats().originsForged).toBe(forgedBefore + 1);
    attacker.send(relayAddress, { type: "CONNECT", target: target.node.id });
    await clock.advanceAsync(200);
    const connected = attacker.heard.find((m) => m.type === "CONNECTED") as { address: { host: string; port: number } } | undefined;
    expect(connected?.address.host).toBe("198.19.100.1"); // still the target's router, not the attacker
    attacker.send(relayAddress, { type: "CONNECT", target: new Uint8Array(32).fill(9) });
    await clock.advanceAsync(200);
    expect(attacker.heard.some((m) => m.type === "ERROR" && (m as { code?: number }).code === NO_RESERVATION)).toBe(true);

    // Flood: 400 relayed 900-byte DIRECTs toward the target within 2 s of clock time.
    const before = relay.rt.stats();
    const receivedBefore = target.rt.stats().directsReceived;
    const bytesBefore = attacker.bytes();
    let sentBytes = 0;
    const data = new Uint8Array(900).fill(1);
    for (let i = 0; i < 400; i++) {
      const mid = new Uint8Array(16);
      new DataView(mid.buffer).setUint32(0, i + 1);
      const a = signOrigin(attacker.me, OriginKind.DIRECT, { origin: attacker.me.id, id: mid, scope: target.node.id, data }, 10 + i);
      const m = { type: "RELAY", target: target.node.id, kind: RealtimeMessageType.DIRECT, id: mid, origin: attacker.me.id, data, auth: a };
      sentBytes += encode({ rid: 1, sender: attacker.me.id, ...m } as never).length;
      attacker.send(relayAddress, m);
      await clock.advanceAsync(5);
    }
    await clock.advanceAsync(3_000);
    const after = relay.rt.stats();
    const relayed = after.relayedMessages - before.relayedMessages;
    const dropped = after.relayDropped - before.relayDropped;
    const received = target.rt.stats().directsReceived - receivedBefore;
    const replies = attacker.heard.filter((m) => m.type === "ACK" || (m.type === "ERROR" && (m as { code?: number }).code === ProtocolErrorCode.BUSY)).length;
    console.log(`flood of 400 RELAYs in 2 s: ${relayed} forwarded, ${dropped} dropped over budget, ${received} delivered; ${attacker.bytes() - bytesBefore} bytes back for ${sentBytes} sent`);
    // Budget: 20 messages/s with 2 s of burst, and 16 KiB/s of data with 2 s of burst (900-byte messages: ~36 + 18/s).
    expect(relayed).toBeLessThanOrEqual(40 + 20 * 2.1);
    expect(relayed).toBeGreaterThan(10);
    expect(dropped).toBeGreaterThan(300);
    expect(relayed + dropped).toBeLessThanOrEqual(400); // the rest: the engine's per-subnet request budget
    expect(received).toBe(relayed);
    expect(attacker.bytes() - bytesBefore).toBeLessThan(sentBytes / 10); // answers are small: never an amplifier
    expect(replies).toBe(relayed + dropped); // an ACK (the target's, relayed back) or ERROR BUSY each
    await Promise.all(hosts.map((h) => h.node.stop()));
    await env.net.stop();
  }, 120_000);
});
