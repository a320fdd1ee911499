import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Lab } from "../src/index.js";
import { spawnIn } from "./support/child.js";
import type { Child } from "./support/child.js";

/**
 * Source spoofing over real UDP between hosts (docs/security.md, return routability and
 * per-subnet budgets): three network namespaces on one bridge. "servers" (198.18.0.1) runs
 * 12 facade nodes with their defaults, each in its own 198.18.(128+i).0/24; "victim"
 * (198.18.0.3) owns 198.19.0.0/16, which the servers route to it; "attacker" (198.18.0.2)
 * also holds 198.19.0.0/16 locally, so it sends from victim addresses while every reply goes
 * to the victim, as a spoofer's would on the internet. Root only (CI runs as root).
 */
const fixture = (name: string): string => join(dirname(fileURLToPath(import.meta.url)), "fixtures", `${name}.ts`);
/** A quiet period after a burst: replies on a bridge arrive within milliseconds. */
const SETTLE_MS = 500;
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

interface Count { bytes: number; datagrams: number; types: Record<string, number> }

describe("spoofed sources over real UDP (network namespaces)", () => {
  let lab: Lab;
  let servers: Child, victim: Child, attacker: Child;
  let target: string;
  let addresses: string[];

  const children: Child[] = [];

  beforeAll(async () => {
    lab = new Lab();
    const bridge = lab.namespace("br");
    lab.bridge(bridge);
    const [srv, atk, vic] = (["srv", "atk", "vic"] as const).map((name, i) => {
      const ns = lab.namespace(name);
      lab.link(ns, "eth0", bridge, `bridge:p${i}`);
      lab.address(ns, "eth0", `198.18.0.${i + 1}/24`);
      return ns;
    }) as [string, string, string];
    lab.localRange(srv, "198.18.128.0/17");
    lab.localRange(vic, "198.19.0.0/16");
    lab.localRange(atk, "198.19.0.0/16");
    lab.route(srv, "198.19.0.0/16", "198.18.0.3");
    lab.route(atk, "198.18.128.0/17", "198.18.0.1");
    victim = spawnIn(vic, fixture("victim"), [], children);
    servers = spawnIn(srv, fixture("target"), ["12"], children);
    attacker = spawnIn(atk, fixture("attacker"), [], children);
    await victim.next("ready");
    await attacker.next("ready");
    const ready = await servers.next<{ addresses: { host: string; port: number }[] }>("ready", 60_000);
    addresses = ready.addresses.map((a) => `${a.host}:${a.port}`);
    target = addresses[0]!;
  }, 90_000);

  afterAll(() => {
    for (const child of children) child.kill();
    lab?.destroy();
  });

  it("every request type sends a spoofed victim at most the bytes it was sent", async () => {
    const { key } = await servers.ask<{ key: string }>("put", "put");
    const rows: string[] = [];
    for (const type of ["PING", "PING_NONCE", "FIND_NODE", "FIND_VALUE", "STORE", "BROADCAST"]) {
      const sent = await attacker.ask<{ bytes: number }>(`one ${type} ${target} ${key}`, "sent");
      await settle();
      const got = await victim.ask<Count>("count", "count");
      rows.push(`${type}: ${sent.bytes} B in, ${got.bytes} B out (${JSON.stringify(got.types)})`);
      expect(got.bytes, type).toBeLessThanOrEqual(sent.bytes);
    }
    const stats = await servers.ask<{ repliesRetried: number }>("stats", "stats");
    console.log(`one spoofed request of each type, 198.19.9.1 named as the source, over real UDP:\n  ${rows.join("\n  ")}`);
    expect(stats.repliesRetried).toBeGreaterThan(0);
  }, 60_000);

  it("a flood of 3,000 spoofed FIND_NODEs from one /24 reflects less than it sent", async () => {
    await victim.ask("count", "count");
    const before = await servers.ask<{ requestsLimited: number }>("stats", "stats");
    const sent = await attacker.ask<{ bytes: number }>(`flood 3000 ${target}`, "sent", 60_000);
    await settle();
    const got = await victim.ask<Count>("count", "count");
    const after = await servers.ask<{ requestsLimited: number }>("stats", "stats");
    console.log(`3,000 spoofed FIND_NODEs from 198.19.7.0/24 (${sent.bytes} B): ${got.bytes} B reached the victim ` +
      `(x${(got.bytes / sent.bytes).toFixed(2)}), ${after.requestsLimited - before.requestsLimited} dropped by the per-subnet budget`);
    expect(got.bytes).toBeLessThan(sent.bytes);
    expect(after.requestsLimited - before.requestsLimited).toBeGreaterThan(0);
  }, 90_000);

  it("spoofed SUBSCRIBEs aim no publication at the victim", async () => {
    const topic = "ab".repeat(32);
    await victim.ask("count", "count");
    const sent = await attacker.ask<{ bytes: number }>(`subscribe ${topic} ${addresses.join(",")}`, "sent", 60_000);
    await settle();
    const published = await servers.ask<{ subscribers: number }>(`publish ${topic}`, "published");
    await settle();
    const got = await victim.ask<Count>("count", "count");
    console.log(`${addresses.length} x 100 spoofed SUBSCRIBEs (${sent.bytes} B), then one 900-byte publication: ` +
      `${got.bytes} B reached the victim, ${got.types.DELIVER ?? 0} DELIVERs; ${published.subscribers} subscribers reached`);
    expect(got.types.DELIVER ?? 0).toBe(0);
    expect(got.bytes).toBeLessThanOrEqual(sent.bytes);
  }, 90_000);

  it("an honest node on another host joins and reads through the same defences", async () => {
    const { key } = await servers.ask<{ key: string }>("put", "put");
    const honest = await attacker.ask<{ found: number | null }>(`honest ${target} ${key}`, "honest", 30_000);
    expect(honest.found).toBe(1_000);
    expect(attacker.seen("leak"), "a reply reached the spoofer's own socket").toBe(0);
  }, 60_000);
});
