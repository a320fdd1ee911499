import { describe, expect, it } from "vitest";
import { chart } from "../src/report/svg.js";
import { figureLines } from "../src/report/figures.js";
import type { MeasuredPoint } from "../src/summary.js";

/** The y coordinates of a chart's bars' tops and of its labelled gridlines. */
function geometry(svg: string): { barTops: number[]; gridYs: number[]; labels: number[] } {
  const barTops = [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)" width="([^"]+)" height="([^"]+)" fill/g)]
    .filter((m) => m[2] !== "10" && Number(m[3]) > 0).map((m) => Number(m[1])); // legend swatches are 10 x 10
  const gridYs = [...svg.matchAll(/<line x1="[^"]+" x2="[^"]+" y1="([^"]+)" y2="[^"]+" class="g"\/>/g)].map((m) => Number(m[1]));
  const labels = [...svg.matchAll(/<text x="[^"]+" y="[^"]+" text-anchor="end">([^<]+)<\/text>/g)].map((m) => Number(m[1]));
  return { barTops, gridYs, labels };
}

describe("simulator report charts", () => {
  it("scale y to the largest value: the tallest bar is inside the plot, under a labelled gridline", () => {
    for (const [max, withLine] of [[20, true], [17.3, true], [0.56, false], [4.2, false], [20, false]] as const) {
      const bars = { name: "a", kind: "bar", points: [[0, max / 2], [1, max], [2, max / 3]] } as const;
      const line = { name: "b", kind: "line", points: [[0, max / 4], [1, max / 5]] } as const;
      const svg = chart({ title: "t", xLabel: "x", yLabel: "y", series: withLine ? [bars, line] : [bars] });
      const { barTops, gridYs, labels } = geometry(svg);
      const tallest = Math.min(...barTops);
      console.log(`max ${max}${withLine ? " + legend" : ""}: top label ${Math.max(...labels)}, tallest bar at y ${tallest.toFixed(1)}, top gridline ${Math.min(...gridYs).toFixed(1)}`);
      expect(Math.max(...labels)).toBeGreaterThanOrEqual(max);
      expect(tallest).toBeGreaterThanOrEqual(30); // the plot's top edge
      expect(tallest).toBeGreaterThan(Math.min(...gridYs));
    }
  });

  it("never draws a bar above the plot even when yMax is below the data", () => {
    const svg = chart({ title: "t", xLabel: "x", yLabel: "y", yMax: 10, series: [{ name: "a", kind: "bar", points: [[0, 25]] }] });
    expect(Math.min(...geometry(svg).barTops)).toBeGreaterThanOrEqual(30);
  });
});

describe("simulator report figures", () => {
  const point = (nodes: number): MeasuredPoint => ({
    value: undefined,
    perf: { buildWallMs: 12_000, heapPerNodeBytes: 50_000, lookupsPerWallSecond: 900 },
    result: {
      build: { nodes },
      lookups: { roundsMean: 2, roundsP95: 3, requestsMean: 20, exactRate: 1, topKShare: 1 },
      kill: { lookups: { exactRate: 1 } },
      storage: { foundRate: 1 },
      broadcast: { coverageMean: 1, coverageMin: 1, messagesPerNode: 3, datagramsPerNode: 6, repairs: 0 },
    },
  }) as unknown as MeasuredPoint;

  it("compares 10,000-node targets only with a 10,000-node run", () => {
    const small = figureLines([point(1000)]).find((f) => f.name === "lookups per wall second")!;
    expect(small).toMatchObject({ target: "≥ 1,000 at 10,000 nodes", offSize: true, values: ["900 (1,000 nodes)"] });
    const big = figureLines([point(10_000)]).find((f) => f.name === "lookups per wall second")!;
    expect(big).toMatchObject({ offSize: false, values: ["900"] });
    expect(figureLines([point(1000)]).find((f) => f.name === "requests per lookup")).toMatchObject({ offSize: false, values: ["20"] });
  });
});
