import { bytesEqual, utf8 } from "@plexus/core";
import { settleOn } from "@plexus/node/testing";
import { describe, expect, it } from "vitest";
import { lab } from "./support/nat-lab.js";
import type { Host } from "./support/nat-lab.js";

const SEED = 41;

describe(`reaching nodes behind NATs by id (seed ${SEED})`, () => {
  it("punches through cone NATs and relays where punching cannot work", async () => {
    const { net, clock, hosts } = await lab(SEED, ["cone", "cone", "cone", "symmetric", "symmetric", "firewall"]);
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
    const relayed = report("NAT -> symmetric, symmetric -> NAT (relayed)", results.filter((r) => r.from.kind !== "public" && (r.from.kind === "symmetric" || r.to.kind === "symmetric")));
    const toSymmetric = report("public -> symmetric", cell(["public"], ["symmetric"]));
    expect(direct.length).toBe(3 * 4 + 4 * 3);
    expect(direct.every((r) => r.ok && r.direct)).toBe(true); // 100 % direct after punching (no loss in this run)
    expect(relayed.length).toBe(2 * 4 + 4 * 2 + 2);
    expect(relayed.every((r) => r.ok && !r.direct)).toBe(true); // 100 % through a relay where punching cannot work
    // A public requester learns the symmetric node's mapping toward it from that node's PUNCH.
    expect(toSymmetric.every((r) => r.ok && r.direct)).toBe(true);
    const sum = (key: "punchesTried" | "punchesSucceeded" | "relayedMessages") => hosts.reduce((n, h) => n + h.rt.stats()[key], 0);
    console.log(`punches tried ${sum("punchesTried")}, succeeded ${sum("punchesSucceeded")}; messages relayed ${sum("relayedMessages")}; unsolicited datagrams dropped by routers ${natted.reduce((n, h) => n + h.nat!.filtered, 0)}`);
    // One punch per pair (the send reuses the request's route): every punch between cone NATs and
    // from a public node succeeds, none between a NAT and a symmetric NAT (tried; not when both are).
    expect(sum("punchesSucceeded")).toBe(direct.length + toSymmetric.length);
    expect(sum("punchesTried")).toBe(direct.length + relayed.length - 2 + toSymmetric.length);
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);

  it("broadcasts reach the nodes behind NATs through their relays, once each, and go no further", async () => {
    const { net, clock, hosts } = await lab(SEED + 2, ["cone", "symmetric", "firewall"]);
    const natted = hosts.filter((h) => h.kind !== "public");
    const heard = new Map<string, number>(hosts.map((h) => [h.name, 0]));
    for (const h of hosts) h.node.on("broadcast", () => heard.set(h.name, heard.get(h.name)! + 1));
    const from = hosts[0]!;
    const result = await settleOn(clock, from.node.broadcast(utf8("to everyone")), 30_000);
    await clock.advanceAsync(5_000);
    const reached = natted.filter((h) => heard.get(h.name) === 1).length;
    const leafSends = hosts.reduce((n, h) => n + h.node.stats().broadcastsToLeaves, 0);
    console.log(`broadcast from a public node: ${reached}/${natted.length} nodes behind NATs delivered it once; public ${hosts.filter((h) => h.kind === "public" && h !== from && heard.get(h.name) === 1).length}/${hosts.length - natted.length - 1}; ${leafSends} sends to relay clients (${result.acked} acked by the bucket tree)`);
    expect(reached).toBe(natted.length);
    expect([...heard.values()].every((n) => n <= 1)).toBe(true);
    // A client receives depth 256 and forwards nothing: only relays send to leaves.
    expect(natted.every((h) => h.node.stats().sent.BROADCAST === 0)).toBe(true);
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);

  it("reaches a node behind a cone NAT again after its router rebinds (a new port for everything)", async () => {
    const { net, clock, hosts } = await lab(SEED + 1, ["cone"]);
    const cone = hosts.find((h) => h.kind === "cone")!;
    const from = hosts[1]!;
    const ask = (text: string) => settleOn(clock, from.rt.request(cone.node.id, utf8(text)).then((r) => bytesEqual(r, utf8(text)), () => false), 30_000);
    expect(await ask("before")).toBe(true);
    cone.nat!.rebind();
    await clock.advanceAsync(16_000); // one reservation refresh: the relays learn the new mapping
    const started = clock.now();
    expect(await ask("after")).toBe(true);
    const ms = Math.round(clock.now() - started);
    console.log(`after rebinding: reached again in ${ms} ms of clock time (lookup, CONNECT to a relay holding the new mapping, punch)`);
    expect(ms).toBeLessThan(3_000);
    await Promise.all(hosts.map((h) => h.node.stop()));
    await net.stop();
  }, 120_000);
});
