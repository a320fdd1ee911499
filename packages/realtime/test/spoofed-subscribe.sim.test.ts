import { createTestnet, settleOn } from "@plexus/node/testing";
import { createCodec, ProtocolErrorCode } from "@plexus/wire";
import { describe, expect, it } from "vitest";
import { createRealtime, realtimeMessages } from "../src/index.js";
import type { Realtime } from "../src/index.js";

const { decode, encode } = createCodec({ messages: realtimeMessages });

/**
 * Two nodes (a testnet on loopback), either of which may be the topic's rendezvous, and a
 * victim address outside loopback that a spoofer names as the source of 100 SUBSCRIBEs to
 * each; then one 900-byte publication to the topic.
 */
async function run(proveVictim: boolean) {
  const layers: Realtime[] = [];
  const net = await createTestnet({ size: 2, seed: 23, latency: { minMs: 5, maxMs: 5 }, setup: (n) => { layers.push(createRealtime(n)); } });
  const { clock, network, random } = net;
  const victim = network.createTransport({ host: "198.19.9.1", port: 5000 });
  let bytesAtVictim = 0, delivers = 0, retries = 0, token: Uint8Array | undefined;
  victim.onDatagram((data) => {
    bytesAtVictim += data.length;
    const m = decode(data);
    if (m.type === "DELIVER") delivers++;
    if (m.type === "NODES" || m.type === "ERROR") token = m.token ?? token;
    if (m.type === "ERROR" && m.code === ProtocolErrorCode.RETRY_WITH_TOKEN) retries++;
  });
  await settleOn(clock, victim.start(), 60_000);
  if (proveVictim) { // the control: the victim itself proves its address (FIND_NODE brings a token in NODES or RETRY_WITH_TOKEN, PING presents it)
    for (const node of net.nodes) {
      victim.send(node.address!, encode({ type: "FIND_NODE", rid: 1, sender: random.bytes(32), target: random.bytes(32) }));
      await clock.advanceAsync(20);
      victim.send(node.address!, encode({ type: "PING", rid: 2, sender: random.bytes(32), token: token! }));
      await clock.advanceAsync(20);
    }
  }
  const topic = random.bytes(32).slice();
  bytesAtVictim = 0;
  retries = 0;
  let sent = 0;
  for (let i = 0; i < 100; i++) {
    const bytes = encode({ type: "SUBSCRIBE", rid: 100 + i, sender: random.bytes(32), topic, ttlMs: 600_000, rendezvous: [] });
    for (const node of net.nodes) {
      sent += bytes.length;
      victim.send(node.address!, bytes);
    }
  }
  await clock.advanceAsync(100);
  await settleOn(clock, layers[1]!.publish(topic, new Uint8Array(900).fill(9)), 60_000);
  await clock.advanceAsync(5_000);
  await settleOn(clock, net.stop(), 60_000);
  return { sent, bytesAtVictim, delivers, retries };
}

describe("spoofed SUBSCRIBEs", () => {
  it("aim no topic traffic at a third address: the rendezvous takes subscriptions only from proven addresses", async () => {
    const spoofed = await run(false);
    const control = await run(true);
    console.log(`2 x 100 spoofed SUBSCRIBEs (${spoofed.sent} B) naming 198.19.9.1, then one 900-byte publication: ` +
      `${spoofed.bytesAtVictim} B and ${spoofed.delivers} DELIVERs reach it (${spoofed.retries} RETRY_WITH_TOKEN); ` +
      `the same from a proven address: ${control.delivers} DELIVER, ${control.bytesAtVictim} B`);
    expect(spoofed.delivers).toBe(0);
    expect(spoofed.bytesAtVictim).toBeLessThanOrEqual(spoofed.sent);
    expect(control.delivers).toBeGreaterThan(0);
  });
});
