import { PlexusError } from "@plexus/core";
import type { TransportStats } from "@plexus/core";
import type { HistogramSnapshot, NodeStats } from "@plexus/node";
import type { RealtimeStats } from "@plexus/realtime";
import { COUNTER_HELP, GAUGES, HISTOGRAMS, TRANSPORT_HELP } from "./metric-help.js";

/** What {@link prometheusText} reads: an engine's `stats()`, or a facade node's (realtime and socket included). */
export type MetricsStats = NodeStats & Partial<RealtimeStats> & { readonly transport?: TransportStats };

/** Options of {@link prometheusText}. */
export interface MetricsTextOptions {
  /**
   * Labels added to every sample, e.g. `{ node: node.idHex.slice(0, 16) }` when one
   * Prometheus scrapes several nodes through one endpoint. Names match
   * `[a-zA-Z_][a-zA-Z0-9_]*` and are not `le` or `type`.
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Content-Type of the text exposition format this module writes. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Prefix of every metric name. */
const PREFIX = "plexus_";
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Fields of `stats()` that are not plain counters. */
const NOT_COUNTERS: ReadonlySet<string> = new Set(["sent", "received", "transport", "latency", ...Object.keys(GAUGES)]);

/**
 * `stats` in the Prometheus text exposition format 0.0.4: every counter as
 * `plexus_<name>_total` (`rpcTimeouts` -> `plexus_rpc_timeouts_total`), messages by type as
 * `plexus_messages_sent_total{type="PING"}`, the socket's counters as `plexus_udp_*_total`,
 * the gauges (table size, in-flight requests, smoothed RTT in seconds), and the latency
 * histograms in seconds as `_bucket{le=...}` (cumulative, `+Inf` last), `_sum` and `_count`.
 * Each family has its HELP and TYPE lines; the text ends with a newline.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for a label name outside the format's rules.
 */
export function prometheusText(stats: MetricsStats, options: MetricsTextOptions = {}): string {
  const out = new Exposition(constLabels(options.labels));
  const fields = stats as unknown as Readonly<Record<string, unknown>>;
  for (const [field, value] of Object.entries(fields)) {
    if (NOT_COUNTERS.has(field) || typeof value !== "number") continue;
    out.family(`${PREFIX}${snake(field)}_total`, "counter", COUNTER_HELP[field] ?? `stats().${field}`, [["", value]]);
  }
  for (const [direction, counts] of [["sent", stats.sent], ["received", stats.received]] as const) {
    const samples = Object.entries(counts).map(([type, n]): Sample => [`type="${escapeLabel(type)}"`, n]);
    out.family(`${PREFIX}messages_${direction}_total`, "counter", `Messages ${direction}, by type.`, samples);
  }
  for (const [field, gauge] of Object.entries(GAUGES)) {
    const value = fields[field];
    if (typeof value === "number") out.family(`${PREFIX}${gauge.name}`, "gauge", gauge.help, [["", value * gauge.scale]]);
  }
  for (const [field, help] of Object.entries(TRANSPORT_HELP)) {
    const value = (stats.transport as Readonly<Record<string, unknown>> | undefined)?.[field];
    if (typeof value === "number") out.family(`${PREFIX}udp_${snake(field)}_total`, "counter", help, [["", value]]);
  }
  const latency = stats.latency as unknown as Readonly<Record<string, HistogramSnapshot | undefined>> | undefined;
  for (const [field, meta] of Object.entries(HISTOGRAMS)) {
    const h = latency?.[field];
    if (h) out.histogram(`${PREFIX}${meta.name}`, meta.help, h, 1e-3);
  }
  return out.text();
}

/** One sample: its own labels (already formatted, `""` for none) and its value. */
type Sample = readonly [labels: string, value: number];

/** Writes metric families, each name once, with the constant labels on every sample. */
class Exposition {
  /** Bound: one line per sample of `stats()` (a few hundred). */
  readonly #lines: string[] = [];
  readonly #labels: string;

  constructor(labels: string) {
    this.#labels = labels;
  }

  family(name: string, type: "counter" | "gauge", help: string, samples: readonly Sample[]): void {
    this.#head(name, type, help);
    for (const [labels, value] of samples) this.#lines.push(`${name}${this.#braces(labels)} ${formatNumber(value)}`);
  }

  /** A histogram of `h` with every bound and the sum multiplied by `scale` (ms to seconds). */
  histogram(name: string, help: string, h: HistogramSnapshot, scale: number): void {
    this.#head(name, "histogram", help);
    let cumulative = 0;
    for (let i = 0; i < h.counts.length; i++) {
      cumulative += h.counts[i]!;
      const bound = i < h.bounds.length ? formatNumber(h.bounds[i]! * scale) : "+Inf";
      this.#lines.push(`${name}_bucket${this.#braces(`le="${bound}"`)} ${cumulative}`);
    }
    this.#lines.push(`${name}_sum${this.#braces("")} ${formatNumber(h.sum * scale)}`);
    this.#lines.push(`${name}_count${this.#braces("")} ${h.count}`);
  }

  text(): string {
    return `${this.#lines.join("\n")}\n`;
  }

  #head(name: string, type: string, help: string): void {
    this.#lines.push(`# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${name} ${type}`);
  }

  #braces(labels: string): string {
    const all = [this.#labels, labels].filter((l) => l !== "").join(",");
    return all === "" ? "" : `{${all}}`;
  }
}

function constLabels(labels: Readonly<Record<string, string>> | undefined): string {
  if (labels === undefined) return "";
  return Object.entries(labels).map(([name, value]) => {
    if (!LABEL_NAME.test(name) || name.startsWith("__") || name === "le" || name === "type") {
      throw new PlexusError("ERR_INVALID_ARGUMENT", `invalid metrics label name ${JSON.stringify(name)}`);
    }
    return `${name}="${escapeLabel(String(value))}"`;
  }).join(",");
}

/** A label value with `\`, `"` and newlines escaped (format 0.0.4). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\n/g, "\\n");
}

/** `rpcTimeouts` -> `rpc_timeouts`. */
function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A sample value as Go's ParseFloat reads it. */
function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
