/** `plexus node`: a long-lived node with logs, until SIGINT/SIGTERM. */
import { Command, Option } from "commander";
import type { Address } from "@plexus/core";
import { DEFAULT_HOST, DEFAULT_PORT } from "../../constants.js";
import { Node } from "../../node.js";
import type { NodeOptions } from "../../types.js";
import { collectAddresses, parsePort, parseSeconds } from "../arguments.js";
import { show } from "../client.js";
import { act, ExitCode } from "../command-kit.js";
import type { RunState } from "../command-kit.js";
import { CliError } from "../exit-codes.js";
import { loadOrCreateIdentity } from "../identity-file.js";
import { serveMetrics } from "../../metrics/serve.js";
import type { MetricsServer } from "../../metrics/serve.js";
import { attachNodeLogs, echoRequests } from "../node-logs.js";
import type { Output } from "../output.js";
import { shutdownSignal } from "../signals.js";
import { joinInBackground } from "./join-retry.js";

/** Default seconds between activity log lines. */
export const ACTIVITY_INTERVAL_MS = 10_000;

interface NodeCliOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir?: string;
  readonly bootstrap?: Address[];
  readonly identity?: string;
  readonly json?: boolean;
  readonly metrics?: number;
  readonly metricsHost: string;
  readonly logInterval: number;
  readonly contacts: boolean;
  readonly echo: boolean;
}

/** The `node` subcommand. */
export function nodeCommand(state: RunState): Command {
  return new Command("node")
    .description("run a long-lived node until Ctrl-C (SIGINT) or SIGTERM")
    .option("--host <ip>", "IP address to bind; 0.0.0.0 or :: to serve other machines", DEFAULT_HOST)
    .addOption(new Option("-p, --port <port>", "UDP port to bind; 0 picks a free one").argParser(parsePort).default(DEFAULT_PORT))
    .option("-d, --data-dir <dir>", "keep records, identity and routing table here (LMDB); restarts rejoin by themselves")
    .option("-b, --bootstrap <host:port>", "node(s) to join through; repeat or comma-separate; none: start a new network", collectAddresses)
    .option("-i, --identity <file>", "key file (64 hex characters: an ed25519 private key seed), created if missing; keeps the id across restarts")
    .option("--json", "log one JSON object per line (stderr)")
    .addOption(new Option("--metrics <port>", "serve Prometheus metrics on http://<metrics-host>:<port>/metrics").argParser(parsePort))
    .option("--metrics-host <ip>", "IP address for --metrics", "127.0.0.1")
    .addOption(new Option("--log-interval <seconds>", "seconds between activity lines (stored, broadcasts, ...)")
      .argParser(parseSeconds).default(ACTIVITY_INTERVAL_MS, "10"))
    .option("--no-contacts", "do not log each contact added or removed")
    .option("--no-echo", "do not answer requests (by default a request is answered with its own data)")
    .addHelpText("after", "\nPrints the bound address (host:port) on stdout; logs go to stderr.\n" +
      "Others join with: plexus node --bootstrap <that address>, or plexus get ... --bootstrap <it>.\n" +
      "The first SIGINT/SIGTERM closes the node and exits 0; a second one exits at once (130).\n" +
      "Exit: 0 after a signal, 1 could not bind (port in use, bad data dir).")
    .action(act(state, runNode));
}

async function runNode(out: Output, options: NodeCliOptions): Promise<ExitCode> {
  const nodeOptions: { -readonly [K in keyof NodeOptions]: NodeOptions[K] } = { host: options.host, port: options.port, autoListen: false };
  if (options.dataDir !== undefined) nodeOptions.dataDir = options.dataDir;
  if (options.identity !== undefined) {
    const { identity, created } = loadOrCreateIdentity(options.identity);
    nodeOptions.identity = identity;
    out.log("identity", `${created ? "created" : "loaded"} ${options.identity}`, { file: options.identity, created });
  }
  const node = new Node(nodeOptions);
  const detach = attachNodeLogs(node, out, { contacts: options.contacts, activityMs: options.logInterval });
  if (options.echo) echoRequests(node, out);
  const stopped = shutdownSignal();
  let metrics: MetricsServer | undefined;
  try {
    const address = await bind(node, options);
    announce(out, node, address);
    if (options.metrics !== undefined) {
      metrics = await serveMetrics(node, { host: options.metricsHost, port: options.metrics });
      out.log("metrics", `http://${show(metrics.address)}/metrics`, { port: metrics.address.port });
    }
    const bootstrap = options.bootstrap ?? [];
    if (bootstrap.length > 0) joinInBackground(node, bootstrap, out);
    const signal = await stopped;
    out.log("closing", `on ${signal}`, { signal });
    return ExitCode.OK;
  } finally {
    await metrics?.close();
    await node.close();
    detach();
    out.log("closed", "bye");
  }
}

async function bind(node: Node, options: NodeCliOptions): Promise<Address> {
  try {
    return await node.listen();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new CliError(ExitCode.FAILED, `${show(options)} is in use: pick another --port (0 picks a free one)`);
    }
    if (code === "EADDRNOTAVAIL") {
      throw new CliError(ExitCode.FAILED, `${options.host} is not an address of this machine: try --host 127.0.0.1 or 0.0.0.0`);
    }
    throw error;
  }
}

/** Prints the bound address on stdout (for scripts) and how to join it on stderr. */
function announce(out: Output, node: Node, address: Address): void {
  out.result(show(address), { event: "listening", host: address.host, port: address.port, id: node.idHex });
  out.log("listening", `on ${show(address)} as ${node.idHex}; join with --bootstrap ${show(address)}`,
    { host: address.host, port: address.port, id: node.idHex });
}
