import { bytesEqual, utf8 } from "@plexus/core";
import { createNode, identityFromSeed } from "@plexus/node";
import type { PlexusNode } from "@plexus/node";
import { createTestnet, settleOn } from "@plexus/node/testing";
import { describe, expect, it } from "vitest";
import { createRealtime } from "../src/index.js";
import type { Realtime } from "../src/index.js";
import { NatTransport } from "./support/nat.js";
import type { NatKind } from "./support/nat.js";

const SEED = 41;
const PUBLIC = 12;

interface Host {
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
async function lab(behind: readonly NatKind[]) {
  const net = await createTestnet({ size: 1, seed: SEED }); // its clock, network and randomness; its loopback node stays alone
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
    const rt = createRealtime(node);
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
  return { net, clock, hosts };
}

describe(`reaching nodes behind NATs by id (seed ${SEED})`, () => {
  it("punches through cone NATs and relays where punching cannot work", async () => {
    const { net, clock, hosts } = await lab(["cone", "cone", "cone", "symmetric", "symmetric", "firewall"]);
    const natted = hosts.filter((h) => h.kind !== "public");
    for (const h of natted) {
      expect(h.node.stats().client, h.name).toBe(true);
      expect(h.rt.stats().reservations, h.name).toBe(3);
    }
    expect(hosts.find((h) => h.kind === "symmetric")!.node.stats().natType).toBe("symmetric");

    /** Every ordered pair (from, to) with `to` behind a NAT: one request, one send. */
    const results: { from: Host; to: Host; ok: boolean; direct: boolean }[] = [];
    const pairs = hosts.slice(0, 3).concat(natted).flatMap((from) => natted.filter((to) => to !== from).map((to) => ({ from, to })));
    for (const { from, to } of pairs) {
      const before = from.rt.stats();
      const data = utf8(`${from.name}>${to.name}`);
      const reply = await settleOn(clock, from.rt.request(to.node.id, data).catch(() => undefined), 30_000);
      const sent = await settleOn(clock, from.rt.send(to.node.id, data).then(() => true, () => false), 30_000);
      const after = from.rt.stats();
      const ok = reply !== undefined && bytesEqual(reply, data) && sent;
      results.push({ from, to, ok, direct: after.sentViaRelay === before.sentViaRelay });
    }
    const cell = (fromKinds: readonly string[], toKinds: readonly string[]) => results.filter((r) => fromKinds.includes(r.from.kind) && toKinds.includes(r.to.kind));
    const report = (label: string, rs: typeof results) => {
      console.log(`${label}: ${rs.filter((r) => r.ok).length}/${rs.length} reached, ${rs.filter((r) => r.ok && r.direct).length} direct, ${rs.filter((r) => r.ok && !r.direct).length} relayed`);
      return rs;
    };
    const punchable = ["cone", "firewall"];
    const direct = [
      ...report("public -> cone|firewall", cell(["public"], punchable)),
      ...report("cone|firewall -> cone|firewall", cell(punchable, punchable)),
    ];
    const relayed = report("NAT -> symmetric, symmetric -> NAT", results.filter((r) => r.from.kind !== "public" && (r.from.kind === "symmetric" || r.to.kind === "symmetric")));
    const toSymmetric = report("public -> symmetric", cell(["public"], ["symmetric"]));
    expect(direct.length).toBe(3 * 4 + 4 * 3);
    expect(direct.every((r) => r.ok && r.direct)).toBe(true); // 100 % direct after punching (no loss in this run)
    expect(relayed.length).toBe(2 * 4 + 4 * 2 + 2);
    expect(relayed.every((r) => r.ok && !r.direct)).toBe(true); // 100 % through a relay where punching cannot work
    expect(toSymmetric.every((r) => r.ok && !r.direct)).toBe(true);
    const sum = (key: "punchesTried" | "punchesSucceeded" | "relayedMessages") => hosts.reduce((n, h) => n + h.rt.stats()[key], 0);
    console.log(`punches tried ${sum("punchesTried")}, succeeded ${sum("punchesSucceeded")}; messages relayed ${sum("relayedMessages")}; unsolicited datagrams dropped by routers ${natted.reduce((n, h) => n + h.nat!.filtered, 0)}`);
    expect(sum("punchesTried")).toBe(direct.length); // one punch per pair: the send reuses the request's route
    expect(sum("punchesSucceeded")).toBe(sum("punchesTried"));
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);
});
