import { describe, expect, it } from "vitest";
import { aggregate, metricsOf } from "../src/aggregate.js";
import type { ChildReport } from "../src/child-protocol.js";
import { replaceSection, SECTION_END, SECTION_START } from "../src/docs-section.js";
import { sizeTable } from "../src/report.js";
import { closestId, equalBytes } from "../src/bytes.js";

function report(library: ChildReport["library"], joinMs: number, cpuSeconds: number): ChildReport {
  const phase = { latenciesMs: [1, 2, 3], attempted: 4, succeeded: 3 };
  return {
    library, lookupKind: "test", lacks: {}, cpuSeconds, dhtCpuSeconds: cpuSeconds / 2, peakRssMiB: 100, baselineRssMiB: 50, joinedRssMiB: 60, baselineLiveMiB: 10, joinedLiveMiB: 15, wallMs: 1,
    warnings: library === "plexus" ? { MaxListenersExceededWarning: 1 } : {},
    result: { nodes: 10, joined: 10, joinMs, put: phase, get: { ...phase, networkLatenciesMs: [2], localHits: 1 },
      lookup: { ...phase, exact: library === "bittorrent-dht" ? undefined : 2 }, realtime: undefined },
  };
}

describe("metricsOf", () => {
  it("turns a child report into per-run metrics", () => {
    const m = metricsOf(report("plexus", 500, 2));
    expect(m.joinMs).toBe(500);
    expect(m.putP50).toBe(2);
    expect(m.putOk).toBe(75);
    expect(m.getLocal).toBe(25);
    expect(m.getNetP50).toBe(2);
    expect(m.lookupExact).toBe(50);
    expect(m.dhtCpuMsPerNode).toBe(100);
    expect(m.rssKiBPerNode).toBeCloseTo((50 * 1024) / 10);
    expect(m.retainedKiBPerNode).toBeCloseTo((10 * 1024) / 10);
    expect(m.liveKiBPerNode).toBeCloseTo((5 * 1024) / 10);
  });

  it("reports no exactness for a library whose lookup lists no nodes", () => {
    expect(metricsOf(report("bittorrent-dht", 1, 1)).lookupExact).toBeUndefined();
  });
});

describe("aggregate", () => {
  it("takes the median of each metric over rounds and sums warnings", () => {
    const rounds = [report("plexus", 100, 1), report("plexus", 300, 3), report("plexus", 200, 9), report("hyperdht", 50, 1)];
    const byLibrary = Object.fromEntries(aggregate(rounds).map((a) => [a.library, a]));
    expect(byLibrary["plexus"]?.rounds).toBe(3);
    expect(byLibrary["plexus"]?.medians.joinMs).toBe(200);
    expect(byLibrary["plexus"]?.medians.cpuSeconds).toBe(3);
    expect(byLibrary["plexus"]?.warnings).toEqual({ MaxListenersExceededWarning: 3 });
    expect(byLibrary["hyperdht"]?.medians.joinMs).toBe(50);
  });
});

describe("replaceSection", () => {
  it("creates the document, then replaces only its own section", () => {
    const first = replaceSection(undefined, "one");
    expect(first).toContain(SECTION_START);
    expect(first).toContain("one");
    const edited = `${first}\n## Someone else's section\n`;
    const second = replaceSection(edited, "two");
    expect(second).toContain("two");
    expect(second).not.toContain("one\n");
    expect(second).toContain("## Someone else's section");
    expect(second.split(SECTION_END)).toHaveLength(2);
  });
});

describe("closestId", () => {
  it("picks the XOR-closest id", () => {
    const ids = [Uint8Array.of(0b1000), Uint8Array.of(0b0110), Uint8Array.of(0b0001)];
    expect(closestId(ids, Uint8Array.of(0b0111))).toEqual(Uint8Array.of(0b0110));
    expect(closestId([], Uint8Array.of(1))).toBeUndefined();
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1))).toBe(false);
  });
});

describe("sizeTable", () => {
  it("shows a library's mark, not a number or a ratio, where it lacks what a metric needs", () => {
    const swarm: ChildReport = { ...report("hyperswarm", 50, 1), lacks: { store: { mark: "cannot", why: "no put/get" } } };
    const table = sizeTable(10, aggregate([report("plexus", 100, 1), swarm]));
    const putRow = table.split("\n").find((line) => line.startsWith("| put p50 (ms)"));
    expect(putRow).toBe("| put p50 (ms) | 2.00 | cannot | cannot |");
    const joinRow = table.split("\n").find((line) => line.startsWith("| join, all nodes (ms)"));
    expect(joinRow).toBe("| join, all nodes (ms) | 100 | 50.0 | 2.00× |");
  });
});
