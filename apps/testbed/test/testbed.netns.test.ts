import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTopology, reachabilityLines, renderText, runTestbed, table } from "../src/index.js";
import type { Cell, RunResult } from "../src/index.js";

/**
 * The small topology of `pnpm testbed` (root; namespaces built and removed by the run):
 * public hosts (dual, v4, v6), a cone NAT, a symmetric NAT and a firewall, routers with
 * 5 s / 10 s UDP timeouts, every host a real plexus node with its defaults. Asserted here is
 * what holds today; the table printed is the figure (docs/testbed.md).
 */
const here = dirname(fileURLToPath(import.meta.url));
const sharesFamily = (r: RunResult, a: number, b: number): boolean => {
  const [fa, fb] = [r.hosts[a]!.spec.family, r.hosts[b]!.spec.family];
  return fa === "dual" || fb === "dual" || fa === fb;
};

describe("testbed: the small topology", () => {
  it("joins every host, reaches public hosts from everywhere and leaves nothing behind", async () => {
    const result = await runTestbed({
      topology: loadTopology(join(here, "..", "topologies", "small.json")),
      agentArgv: [process.execPath, "--conditions=@plexus/source", "--import", "tsx", join(here, "..", "src", "agent", "main.ts")],
    });
    console.log(`${renderText(table(result))}\n${reachabilityLines(result).join("\n")}`);
    expect(result.joins.every((j) => j.ok), JSON.stringify(result.joins)).toBe(true);
    const isPublic = (i: number): boolean => result.hosts[i]!.spec.kind === "public";
    const initial = (c: Cell): boolean => c.phase === "initial";
    const failed = (cells: Cell[]): string[] => cells.filter((c) => !c.ok).map((c) => `${c.feature} ${c.from}->${c.to} ${c.error ?? ""}`);
    // Between public hosts of a shared family, every feature; from anywhere to a public host, a request.
    // (publish goes through rendezvous nodes, which may be any host; a broadcast reaches an
    // IPv6-only host only through contacts known by their IPv6 address: dual-stack contacts,
    // not built yet, so it is left out for those)
    const v6only = (i: number): boolean => result.hosts[i]!.spec.family === "v6";
    const publicPairs = result.cells.filter((c) => initial(c) && isPublic(c.from) && isPublic(c.to) && sharesFamily(result, c.from, c.to)
      && c.feature !== "publish" && !(c.feature === "broadcast" && (v6only(c.to) || v6only(c.from))));
    expect(failed(publicPairs)).toEqual([]);
    // (Over IPv4: a dual host that joined over IPv4 knows its contacts by one address, so reaching
    // an IPv6-only host from it needs dual-stack contacts, not built yet.)
    const hasV4 = (i: number): boolean => result.hosts[i]!.spec.family !== "v6";
    const toPublic = result.cells.filter((c) => initial(c) && c.feature === "request" && isPublic(c.to) && hasV4(c.from) && hasV4(c.to));
    expect(failed(toPublic)).toEqual([]);
    // IPv4-only and IPv6-only public hosts share no family: the dual-stack pub0 bridges their requests (docs/protocol.md 13.6).
    const crossFamily = result.cells.filter((c) => initial(c) && c.feature === "request" && isPublic(c.from) && isPublic(c.to) && !sharesFamily(result, c.from, c.to));
    expect(crossFamily.length).toBe(4);
    expect(failed(crossFamily)).toEqual([]);
    // The DHT works from every host: each host's item is found by every other.
    expect(failed(result.cells.filter((c) => initial(c) && c.feature === "get"))).toEqual([]);
    // Nodes behind a NAT learn so from their peers' PONGs and become clients; public ones see no NAT.
    const nat = (name: string) => result.reachability.find((r) => result.hosts[r.host]!.spec.name === name);
    // (Linux MASQUERADE keeps the source port where it can, but a peer's datagram that reached
    // the router first, after a mapping expired, makes it pick another: then the cone looks
    // symmetric to some of its observers.)
    expect(nat("cone")).toMatchObject({ client: true });
    expect(["nat", "symmetric"]).toContain(nat("cone")!.natType);
    expect(nat("sym")).toMatchObject({ natType: "symmetric", client: true });
    expect(nat("pub4")).toMatchObject({ natType: "direct", client: false });
    // Behind a NAT, the keep-alive toward the rendezvous keeps publications coming through an
    // idle period longer than the routers' UDP timeouts.
    const natted = (i: number): boolean => ["cone", "symmetric"].includes(result.hosts[i]!.spec.kind);
    expect(failed(result.cells.filter((c) => c.phase === "after idle" && c.feature === "publish" && natted(c.to)))).toEqual([]);
    expect(nat("cone")!.keepAlivesPerMinute).toBeGreaterThan(0);
    expect(nat("pub4")!.keepAlivesPerMinute).toBe(0);
    const left = execFileSync("ip", ["netns", "list"], { encoding: "utf8" }).split("\n").filter((n) => n.startsWith(`plx${process.pid}-`));
    expect(left).toEqual([]);
  }, 120_000);
});
