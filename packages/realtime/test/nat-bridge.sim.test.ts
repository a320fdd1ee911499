import { bytesEqual, utf8 } from "@plexus/core";
import type { Transport } from "@plexus/core";
import { createNode, identityFromSeed } from "@plexus/node";
import type { PlexusNode } from "@plexus/node";
import { createTestnet, settleOn } from "@plexus/node/testing";
import { describe, expect, it } from "vitest";
import { createRealtime } from "../src/index.js";
import type { Realtime } from "../src/index.js";
import { dualStack, singleFamily } from "./support/families.js";

const SEED = 61;

interface Host { readonly name: string; readonly family: "v4" | "v6" | "dual"; readonly node: PlexusNode; readonly rt: Realtime }

/**
 * IPv4-only and IPv6-only public nodes share no family: neither lookup returns the other, and
 * neither holds a reservation anywhere (they are servers). A dual-stack node closest to the
 * target that has it in its table bridges them (docs/protocol.md 13.6): CONNECTED with the
 * bridged flag, then RELAY, forwarded from one family to the other.
 */
describe(`bridging IPv4-only and IPv6-only nodes through a dual-stack relay (seed ${SEED})`, () => {
  it("every request and send between the families arrives, relayed by a dual-stack node", async () => {
    const net = await createTestnet({ size: 1, seed: SEED });
    const { clock, network, random } = net;
    const hosts: Host[] = [];
    const make = (name: string, family: Host["family"], transport: Transport, own: readonly string[]): Host => {
      const node = createNode({ transport, clock, random: random.fork(), identity: identityFromSeed(random.bytes(32)), localHosts: () => own });
      const rt = createRealtime(node);
      rt.handleRequests((data) => data);
      const host = { name, family, node, rt };
      hosts.push(host);
      return host;
    };
    for (let i = 1; i <= 2; i++) make(`dual${i}`, "dual", dualStack(network, `198.18.${i}.10`, `fd00:0:0:${i}::10`, 4000), [`198.18.${i}.10`, `fd00:0:0:${i}::10`]);
    for (let i = 11; i <= 15; i++) make(`v4-${i}`, "v4", singleFamily(network, `198.18.${i}.10`, 4000), [`198.18.${i}.10`]);
    for (let i = 21; i <= 25; i++) make(`v6-${i}`, "v6", singleFamily(network, `fd00:0:0:${i.toString(16)}::10`, 4000), [`fd00:0:0:${i.toString(16)}::10`]);
    const settle = <T>(p: Promise<T>): Promise<T> => settleOn(clock, p, 120_000);
    for (const h of hosts) await settle(h.node.start());
    await settle(hosts[1]!.node.join([{ host: "198.18.1.10", port: 4000 }, { host: "fd00:0:0:1::10", port: 4000 }]));
    for (const h of hosts.slice(2)) await settle(h.node.join({ host: h.family === "v4" ? "198.18.1.10" : "fd00:0:0:1::10", port: 4000 }));
    for (let round = 0; round < 2; round++) {
      for (const h of hosts) await settle(h.node.findNode(random.bytes(32)));
      await clock.advanceAsync(30_000);
    }
    expect(hosts.every((h) => !h.node.stats().client)).toBe(true);

    const pairs = hosts.filter((h) => h.family !== "dual").flatMap((from) => hosts.filter((to) => to.family !== "dual" && to.family !== from.family).map((to) => ({ from, to })));
    let reached = 0;
    let relayed = 0;
    for (const { from, to } of pairs) {
      const before = from.rt.stats().sentViaRelay;
      const data = utf8(`${from.name}>${to.name}`);
      const reply = await settle(from.rt.request(to.node.id, data).catch(() => undefined));
      const sent = await settle(from.rt.send(to.node.id, data).then(() => true, () => false));
      if (reply !== undefined && bytesEqual(reply, data) && sent) reached++;
      if (from.rt.stats().sentViaRelay > before) relayed++;
    }
    const bridged = hosts.reduce((n, h) => n + h.rt.stats().relayedBridged, 0);
    const bridgedByDual = hosts.filter((h) => h.family === "dual").reduce((n, h) => n + h.rt.stats().relayedBridged, 0);
    const punches = hosts.reduce((n, h) => n + h.rt.stats().punchesTried, 0);
    console.log(`IPv4-only <-> IPv6-only: ${reached}/${pairs.length} pairs reached (request and send), ${relayed} through a relay; ${bridged} messages bridged between families (${bridgedByDual} by the dual-stack nodes); ${punches} punches tried`);
    expect(pairs.length).toBe(50);
    expect(reached).toBe(pairs.length);
    expect(relayed).toBe(pairs.length);
    expect(bridged).toBeGreaterThanOrEqual(2 * pairs.length); // a request and a send per pair, retries may add
    expect(bridgedByDual).toBe(bridged); // only a node of both families can bridge
    expect(punches).toBe(0); // bridged: nothing to punch toward another family
    // Same-family pairs still go direct: no relay.
    const v4 = hosts.filter((h) => h.family === "v4");
    const before = v4[0]!.rt.stats().sentViaRelay;
    await settle(v4[0]!.rt.send(v4[1]!.node.id, utf8("same family")));
    expect(v4[0]!.rt.stats().sentViaRelay).toBe(before);
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);
});
