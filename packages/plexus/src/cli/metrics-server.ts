/**
 * The `--metrics PORT` hook of `plexus node`: a tiny node:http server answering
 * `GET /metrics` with {@link metricsText} (the observability work replaces the text, not
 * this server). Binds loopback unless `--metrics-host` says otherwise.
 */
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { metricsText } from "./metrics.js";
import type { StatsSource } from "./metrics.js";

/** A running metrics endpoint. */
export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts serving `GET /metrics` on `host:port` (0 picks a free port). */
export async function startMetricsServer(node: StatsSource, host: string, port: number): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("try GET /metrics\n");
      return;
    }
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }).end(metricsText(node));
  });
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
