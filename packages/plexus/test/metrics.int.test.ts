import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Node, isPlexusError, prometheusText, PROMETHEUS_CONTENT_TYPE, serveMetrics } from "../src/index.js";
import { parsePrometheus } from "./support/prometheus-parser.js";

const deadline = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(5_000) });

describe("metrics: Prometheus text and the /metrics endpoint (real UDP on 127.0.0.1)", () => {
  let nodes: Node[];

  beforeAll(async () => {
    nodes = Array.from({ length: 3 }, () => new Node({ host: "127.0.0.1", port: 0 }));
    const first = await nodes[0]!.ready;
    await Promise.all(nodes.slice(1).map((n) => n.connect(first, deadline())));
    await nodes[1]!.put("metrics", { n: 1 }, deadline());
    expect(await nodes[1]!.get("metrics", deadline())).toEqual({ n: 1 });
  });
  afterAll(async () => {
    await Promise.all((nodes ?? []).map((n) => n.close()));
  });

  it("writes valid text format 0.0.4 with counters, gauges and histograms of the node", () => {
    const text = prometheusText(nodes[1]!.stats());
    const families = parsePrometheus(text);
    console.log(`${families.size} metric families, ${text.split("\n").length - 1} lines, ${text.length} bytes`);
    const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
      [...families.values()].flatMap((f) => f.samples).find((s) => s.name === name
        && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(families.get("plexus_rpc_timeouts_total")?.type).toBe("counter");
    expect(value("plexus_messages_sent_total", { type: "PING" })).toBeGreaterThan(0);
    expect(value("plexus_messages_received_total", { type: "PONG" })).toBeGreaterThan(0);
    expect(value("plexus_udp_datagrams_sent_total")).toBeGreaterThan(0);
    expect(families.get("plexus_routing_table_contacts")?.type).toBe("gauge");
    expect(value("plexus_routing_table_contacts")).toBe(2);
    expect(families.get("plexus_rpc_rtt_seconds")?.type).toBe("histogram");
    expect(value("plexus_rpc_rtt_seconds_count")).toBeGreaterThan(0);
    expect(value("plexus_rpc_rtt_seconds_bucket", { le: "+Inf" })).toBe(value("plexus_rpc_rtt_seconds_count"));
    expect(value("plexus_put_duration_seconds_count")).toBe(1);
    expect(value("plexus_get_duration_seconds_count")).toBe(1);
    // Loopback round trips are well under a second: everything below the 1.024 s bucket.
    expect(value("plexus_rpc_rtt_seconds_bucket", { le: "1.024" })).toBe(value("plexus_rpc_rtt_seconds_count"));
    expect(families.get("plexus_published_total")?.help).toBe("Publications a rendezvous accepted.");
  });

  it("adds constant labels, escaped, and refuses label names the format does not allow", () => {
    const text = prometheusText(nodes[0]!.stats(), { labels: { node: 'a"b\\c\nd' } });
    const families = parsePrometheus(text);
    for (const f of families.values()) for (const s of f.samples) expect(s.labels.node).toBe('a"b\\c\nd');
    for (const bad of ["1x", "le", "a-b", "__name"]) {
      let error: unknown;
      try {
        prometheusText(nodes[0]!.stats(), { labels: { [bad]: "x" } });
      } catch (e) {
        error = e;
      }
      expect(isPlexusError(error, "ERR_INVALID_ARGUMENT")).toBe(true);
    }
  });

  it("serves /metrics over HTTP on port 0, 404 elsewhere, 405 for POST, and closes on abort", async () => {
    const controller = new AbortController();
    const server = await serveMetrics(nodes[2]!, { port: 0, signal: controller.signal });
    expect(server.address.host).toBe("127.0.0.1");
    const base = `http://127.0.0.1:${server.address.port}`;
    const res = await fetch(`${base}/metrics`, deadline());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(PROMETHEUS_CONTENT_TYPE);
    const families = parsePrometheus(await res.text());
    expect(families.has("plexus_lookup_duration_seconds")).toBe(true);
    expect((await fetch(`${base}/`, deadline())).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST", ...deadline() })).status).toBe(405);
    controller.abort();
    await server.close(); // the same close the abort started
    await expect(fetch(`${base}/metrics`, deadline())).rejects.toThrow();
  });

  it("refuses a host name and a bad port with typed errors", async () => {
    await expect(serveMetrics(nodes[0]!, { port: 0, host: "localhost" })).rejects.toMatchObject({ code: "ERR_INVALID_ADDRESS" });
    await expect(serveMetrics(nodes[0]!, { port: 70_000 })).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
  });
});

describe("the test's format reader is strict", () => {
  const head = "# HELP x_seconds h\n# TYPE x_seconds histogram\n";
  it.each([
    ["no final newline", "# TYPE a_total counter\na_total 1"],
    ["counter without _total", "# TYPE a counter\na 1\n"],
    ["sample before TYPE of another family", "# TYPE a_total counter\nb_total 1\n"],
    ["family split", "# TYPE a_total counter\na_total 1\n# TYPE b gauge\nb 1\n# TYPE a_total counter\n"],
    ["bad value", "# TYPE b gauge\nb one\n"],
    ["bad label escape", "# TYPE b gauge\nb{x=\"\\q\"} 1\n"],
    ["duplicate sample", "# TYPE b gauge\nb 1\nb 2\n"],
    ["no +Inf bucket", `${head}x_seconds_bucket{le="1"} 1\nx_seconds_sum 1\nx_seconds_count 1\n`],
    ["not cumulative", `${head}x_seconds_bucket{le="1"} 2\nx_seconds_bucket{le="+Inf"} 1\nx_seconds_sum 1\nx_seconds_count 1\n`],
    ["+Inf not the count", `${head}x_seconds_bucket{le="+Inf"} 1\nx_seconds_sum 1\nx_seconds_count 2\n`],
  ])("rejects %s", (_, text) => {
    expect(() => parsePrometheus(text)).toThrow();
  });
});
