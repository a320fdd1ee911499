import { createNode, identityFromSeed } from "@plexus/node";
import type { PlexusNode } from "@plexus/node";
import { createTestnet, settleOn } from "@plexus/node/testing";
import { createRealtime } from "../../src/index.js";
import type { Realtime, RealtimeInit } from "../../src/index.js";
import { NatTransport } from "./nat.js";
import type { NatKind } from "./nat.js";

const PUBLIC = 12;

export interface Host {
  readonly name: string;
  readonly kind: NatKind | "public";
  readonly node: PlexusNode;
  readonly rt: Realtime;
  readonly nat?: NatTransport;
}

/**
 * Public nodes (each in its own /24, so their address reports count as distinct votes) and
 * nodes behind emulated routers on one memory network and manual clock: cone NATs
 * (endpoint-independent mapping), symmetric NATs (a port per destination) and a firewall
 * (no translation; told it is a client), all dropping unsolicited datagrams.
 */
export async function lab(seed: number, behind: readonly NatKind[], init: RealtimeInit = {}) {
  const net = await createTestnet({ size: 1, seed }); // its clock, network and randomness; its loopback node stays alone
  const { clock, network, random } = net;
  const hosts: Host[] = [];
  const make = (name: string, kind: Host["kind"], i: number): Host => {
    const nat = kind === "public" ? undefined : new NatTransport(network, clock, {
      kind, publicHost: `198.19.${i}.1`, privateHost: `10.0.${i}.2`, udpTimeoutMs: 30_000,
    });
    const transport = nat ?? network.createTransport({ host: `198.18.${i + 1}.10`, port: 4000 });
    const node = createNode({ transport, clock, random: random.fork(), identity: identityFromSeed(random.bytes(32)) },
      // Told it is a client from the start: otherwise the public nodes admit it to their tables while
      // its NAT type is still unknown, and a lookup hands out its mapping (this test is about the rest).
      kind === "public" ? {} : { clientMode: "client" as const });
    const rt = createRealtime(node, init);
    rt.handleRequests((data) => data);
    const host: Host = { name, kind, node, rt, ...(nat ? { nat } : {}) };
    hosts.push(host);
    return host;
  };
  for (let i = 0; i < PUBLIC; i++) make(`pub${i}`, "public", i);
  behind.forEach((kind, j) => make(`${kind}${j}`, kind, 100 + j));
  const first = hosts[0]!.node;
  await settleOn(clock, first.start(), 60_000);
  for (const h of hosts.slice(1)) {
    await settleOn(clock, h.node.start().then(() => h.node.join(first.address!)), 120_000);
  }
  await clock.advanceAsync(40_000); // address votes, NAT types, reservations (renewed once the type is known)
  return { net, clock, network, random, hosts };
}

