import { describe, expect, it } from "vitest";
import { createDebugLogger, isPlexusError } from "@plexus/core";
import type { Log, LogFields, Logger } from "@plexus/core";
import { sha256 } from "../src/index.js";
import { createTestnet } from "../src/testing/index.js";

interface Entry {
  readonly namespace: string;
  readonly level: string;
  readonly message: string;
  readonly fields: LogFields;
}

/** A logger keeping every event of every namespace, as an application's adapter would receive them. */
function recorder(): { logger: Logger; entries: Entry[] } {
  const entries: Entry[] = [];
  const logger: Logger = {
    forComponent(namespace: string): Log {
      const at = (level: string) => (message: string, fields: LogFields = {}): void => { entries.push({ namespace, level, message, fields }); };
      return { enabled: true, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
    },
  };
  return { logger, entries };
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("logger injection (sim)", () => {
  it("an injected logger receives join, lookup, contact, store, broadcast and timeout events (seed 41)", async () => {
    const watched = recorder();
    const lines: string[] = [];
    // Node 5 logs to the recorder; node 6 through the DEBUG-syntax logger, lookup only.
    const net = await createTestnet({
      size: 16, seed: 41,
      logger: (i) => i === 5 ? watched.logger : i === 6 ? createDebugLogger({ debug: "plexus:lookup", write: (l) => lines.push(l) }) : undefined,
    });
    const node = net.nodes[5]!;
    const find = (ns: string, message: string): Entry[] => watched.entries.filter((e) => e.namespace === ns && e.message === message);

    expect(find("plexus:node", "started")).toHaveLength(1);
    expect(find("plexus:routing", "join start")).toHaveLength(1);
    const [joined] = find("plexus:routing", "join end");
    expect(joined?.fields.tableSize).toBeGreaterThan(0);
    expect(find("plexus:routing", "contact added").length).toBeGreaterThan(0);
    const ended = find("plexus:lookup", "lookup end");
    expect(ended.length).toBeGreaterThan(0);
    for (const e of ended) {
      expect(e.fields.rounds).toBeGreaterThanOrEqual(0);
      expect(e.fields.durationMs).toBeGreaterThanOrEqual(0);
    }

    // 16 nodes, k = 20: every node holds every put, node 5 included.
    await net.settle(net.nodes[0]!.putValue(sha256(bytes("k")), bytes("v")));
    expect(find("plexus:records", "stored").some((e) => typeof e.fields.key === "string")).toBe(true);
    // A mutable put with a cas that does not match is refused by every replica, with its code.
    const owner = net.nodes[1]!;
    await net.settle(owner.putMutable({ value: bytes("one"), seq: 1 }));
    await net.settle(owner.putMutable({ value: bytes("two"), seq: 2, cas: 7 }).catch((e: unknown) => e));
    expect(find("plexus:records", "store refused").map((e) => e.fields.code)).toContain("CAS_MISMATCH");

    await net.settle(net.nodes[2]!.broadcast(bytes("hello")));
    expect(find("plexus:broadcast", "broadcast delivered")).toHaveLength(1);

    const [victim] = await net.kill(net.nodes[9]!);
    const error = await net.settle(node.ping(victim!.address ?? { host: "198.18.0.9", port: 1 }).catch((e: unknown) => e));
    expect(isPlexusError(error, "ERR_RPC_TIMEOUT") || isPlexusError(error, "ERR_NOT_STARTED")).toBe(true);
    expect(find("plexus:rpc", "request timed out").some((e) => e.fields.type === "PING")).toBe(true);

    // The DEBUG-syntax logger of node 6 wrote lookup lines only, labelled by namespace.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith("plexus:lookup debug lookup "))).toBe(true);
    console.log([...new Set(watched.entries.map((e) => `${e.namespace} ${e.message}`))].join("; "));
    console.log(`node 5 logged ${watched.entries.length} events; node 6 wrote ${lines.length} plexus:lookup lines`);
    await net.stop();
    expect(find("plexus:node", "stopped")).toHaveLength(1);
  });

  it("a defence firing is logged with its reason: requests over the subnet's rate (seed 47)", async () => {
    const watched = recorder();
    const net = await createTestnet({ size: 8, seed: 47, init: { maxRequestsPerSubnetPerSecond: 20, exemptLoopback: false }, logger: (i) => i === 5 ? watched.logger : undefined });
    const [from, to] = [net.nodes[0]!, net.nodes[5]!];
    const pings = Array.from({ length: 100 }, () => from.ping(to.address!).then(() => true, () => false));
    const answered = (await net.settle(Promise.all(pings))).filter(Boolean).length;
    const limited = watched.entries.filter((e) => e.message === "dropped datagram" && e.fields.reason === "rate limited");
    console.log(`100 pings at once: ${answered} answered, ${limited.length} logged as rate limited`);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBe(to.stats().requestsLimited);
    expect(limited[0]!.namespace).toBe("plexus:rpc");
    await net.stop();
  });

  it("stats().latency holds RPC, lookup, put and get histograms on the injected clock (seed 43)", async () => {
    const net = await createTestnet({ size: 24, seed: 43, latency: { minMs: 5, maxMs: 50 } });
    const node = net.nodes[3]!;
    const key = sha256(bytes("latency"));
    await net.settle(node.putValue(key, bytes("v")));
    // A plain value held here is still put to the vote of the k closest (query/get.ts): a lookup.
    expect(await net.settle(node.getValue(key))).toEqual(bytes("v"));
    expect(await net.settle(node.getValue(sha256(bytes("absent"))))).toBeUndefined(); // a full lookup
    const { rpcRttMs, lookupMs, putMs, getMs } = node.stats().latency;
    console.log(`rtt p50 ${rpcRttMs.p50.toFixed(1)} p99 ${rpcRttMs.p99.toFixed(1)} ms (n=${rpcRttMs.count}); `
      + `lookup p50 ${lookupMs.p50.toFixed(1)} ms (n=${lookupMs.count}); put ${putMs.sum.toFixed(1)} ms; gets ${getMs.sum.toFixed(1)} ms`);
    // One-way latency 5..50 ms: every round trip took 10..100 ms of the manual clock.
    expect(rpcRttMs.count).toBeGreaterThan(10);
    expect(rpcRttMs.min).toBeGreaterThanOrEqual(10);
    expect(rpcRttMs.max).toBeLessThanOrEqual(100);
    expect(rpcRttMs.p50).toBeGreaterThanOrEqual(10);
    expect(rpcRttMs.p99).toBeLessThanOrEqual(100);
    expect(lookupMs.count).toBeGreaterThanOrEqual(3); // join's self lookup, the put's and the absent get's
    expect(lookupMs.min).toBeGreaterThanOrEqual(10);
    expect(putMs.count).toBe(1);
    expect(getMs.count).toBe(2);
    expect(putMs.sum).toBeGreaterThanOrEqual(20); // at least a lookup round trip and a STORE round trip
    expect(getMs.min).toBeGreaterThanOrEqual(10); // both gets walked
    await net.stop();
  });
});
