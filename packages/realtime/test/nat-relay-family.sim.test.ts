import { bytesEqual, utf8 } from "@plexus/core";
import type { Transport } from "@plexus/core";
import { createNode, identityFromSeed } from "@plexus/node";
import type { PlexusNode } from "@plexus/node";
import { createTestnet, settleOn } from "@plexus/node/testing";
import { describe, expect, it } from "vitest";
import { createRealtime } from "../src/index.js";
import type { Realtime } from "../src/index.js";
import { dualStack, singleFamily } from "./support/families.js";

const SEED = Number(process.env.FAMILY_SEED ?? 4);

interface Host { readonly name: string; readonly family: "v4" | "v6" | "dual"; readonly node: PlexusNode; readonly rt: Realtime }

/**
 * A dual-stack client reserves at the public nodes closest to its id, whatever their family;
 * a requester asks its own family's nodes closest to that id (docs/nat.md 1 and 5). When all
 * of the client's relays are IPv6-only, no IPv4-only requester finds one (ERR_UNREACHABLE):
 * the client keeps one relay of each family it speaks besides its closest three.
 */
describe(`a dual-stack client keeps a relay of each family (seed ${SEED})`, () => {
  it("requesters of either family reach a dual-stack client", async () => {
    const net = await createTestnet({ size: 1, seed: SEED });
    const { clock, network, random } = net;
    const hosts: Host[] = [];
    const make = (name: string, family: Host["family"], transport: Transport, own: readonly string[], client = false): Host => {
      const node = createNode({ transport, clock, random: random.fork(), identity: identityFromSeed(random.bytes(32)), localHosts: () => own },
        client ? { clientMode: "client" as const } : {});
      const rt = createRealtime(node);
      rt.handleRequests((data) => data);
      const host = { name, family, node, rt };
      hosts.push(host);
      return host;
    };
    make("dual1", "dual", dualStack(network, "198.18.1.10", "fd00:0:0:1::10", 4000), ["198.18.1.10", "fd00:0:0:1::10"]);
    for (let i = 11; i <= 13; i++) make(`v4-${i}`, "v4", singleFamily(network, `198.18.${i}.10`, 4000), [`198.18.${i}.10`]);
    for (let i = 21; i <= 30; i++) make(`v6-${i}`, "v6", singleFamily(network, `fd00:0:0:${i.toString(16)}::10`, 4000), [`fd00:0:0:${i.toString(16)}::10`]);
    const client = make("client", "dual", dualStack(network, "198.18.99.10", "fd00:0:0:99::10", 4000), ["198.18.99.10", "fd00:0:0:99::10"], true);
    const settle = <T>(p: Promise<T>): Promise<T> => settleOn(clock, p, 120_000);
    for (const h of hosts) await settle(h.node.start());
    for (const h of hosts.slice(1)) {
      const seed = h.family === "v4" ? [{ host: "198.18.1.10", port: 4000 }] : h.family === "v6" ? [{ host: "fd00:0:0:1::10", port: 4000 }]
        : [{ host: "198.18.1.10", port: 4000 }, { host: "fd00:0:0:1::10", port: 4000 }];
      await settle(h.node.join(seed));
    }
    for (let round = 0; round < 2; round++) {
      for (const h of hosts) await settle(h.node.findNode(random.bytes(32)));
      await clock.advanceAsync(30_000);
    }
    expect(client.node.stats().client).toBe(true);
    const servers = hosts.filter((h) => h !== client);
    let reached = 0;
    const failed: string[] = [];
    for (const from of servers) {
      const data = utf8(`${from.name}>client`);
      const reply = await settle(from.rt.request(client.node.id, data).catch((err: { code?: string }) => err.code));
      const sent = await settle(from.rt.send(client.node.id, data).then(() => true, () => false));
      if (reply instanceof Uint8Array && bytesEqual(reply, data) && sent) reached++;
      else failed.push(`${from.name} ${String(reply)}`);
    }
    console.log(`dual-stack client: ${client.rt.stats().reservations} relays; ${reached}/${servers.length} requesters reached it (request and send); failed: ${failed.join(", ") || "none"}`);
    expect(client.rt.stats().reservations).toBeGreaterThanOrEqual(3);
    expect(failed).toEqual([]);
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);
});
