import { createServer } from "node:http";
import type { Server } from "node:http";
import { PlexusError, assertCallOptions, isIpLiteral } from "@plexus/core";
import type { Address } from "@plexus/core";
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from "./prometheus.js";
import type { MetricsStats, MetricsTextOptions } from "./prometheus.js";

/** Options of {@link serveMetrics}. */
export interface ServeMetricsOptions extends MetricsTextOptions {
  /** TCP port; 0 lets the OS pick one (read it from `address`). */
  readonly port: number;
  /**
   * IP literal to listen on. Metrics tell a lot about a node (traffic, table size): keep
   * them on loopback or a private interface. @default "127.0.0.1"
   */
  readonly host?: string;
  /** Closes the server when aborted. */
  readonly signal?: AbortSignal;
}

/** A running metrics endpoint. */
export interface MetricsServer extends AsyncDisposable {
  /** The bound address. */
  readonly address: Address;
  /** Stops listening and drops open connections; idempotent. */
  close(): Promise<void>;
}

/** Most connections the endpoint holds at once (a scraper needs one). */
const MAX_CONNECTIONS = 16;
/** How long a request may take to arrive, in ms. */
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * Serves `GET /metrics` (`prometheusText(node.stats())`) over HTTP with `node:http`, for
 * Prometheus to scrape; any other path is 404, any other method 405. Resolves once
 * listening. `plexus node --metrics PORT` runs it.
 * @throws PlexusError `ERR_INVALID_ADDRESS` for a host that is not an IP literal,
 *   `ERR_INVALID_ARGUMENT` for a bad port; the server's error when it cannot listen.
 */
export async function serveMetrics(node: { stats(): MetricsStats }, options: ServeMetricsOptions): Promise<MetricsServer> {
  assertCallOptions(options);
  const { port, host = "127.0.0.1", signal } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PlexusError("ERR_INVALID_ARGUMENT", "port must be an integer in 0..65535");
  if (!isIpLiteral(host)) throw new PlexusError("ERR_INVALID_ADDRESS", `host must be an IP literal, got ${JSON.stringify(host)}`);
  signal?.throwIfAborted();
  const labels = options.labels === undefined ? {} : { labels: options.labels };
  prometheusText(node.stats(), labels); // checks the labels now, not at the first scrape
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: try /metrics\n");
    } else if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("method not allowed\n");
    } else {
      const body = prometheusText(node.stats(), labels);
      res.writeHead(200, { "content-type": PROMETHEUS_CONTENT_TYPE, "content-length": Buffer.byteLength(body) });
      res.end(req.method === "HEAD" ? undefined : body);
    }
  });
  server.maxConnections = MAX_CONNECTIONS;
  const address = await listen(server, port, host);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= new Promise<void>((resolve) => {
    signal?.removeEventListener("abort", onAbort);
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  const onAbort = (): void => { void close(); };
  signal?.addEventListener("abort", onAbort, { once: true });
  return { address, close, [Symbol.asyncDispose]: close };
}

function listen(server: Server, port: number, host: string): Promise<Address> {
  return new Promise<Address>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const bound = server.address();
      resolve(typeof bound === "object" && bound !== null ? { host: bound.address, port: bound.port } : { host, port });
    });
  });
}
