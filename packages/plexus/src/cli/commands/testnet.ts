/** `plexus testnet --nodes N`: a local real-UDP network for app development, until Ctrl-C. */
import { Command, Option } from "commander";
import { createLocalTestnet, MAX_TESTNET_NODES } from "../../testnet.js";
import { parseCount, parsePort, parseSeconds } from "../arguments.js";
import { show } from "../client.js";
import { act, ExitCode } from "../command-kit.js";
import type { RunState } from "../command-kit.js";
import { attachNodeLogs, echoRequests } from "../node-logs.js";
import type { Output } from "../output.js";
import { onShutdown } from "../signals.js";
import { ACTIVITY_INTERVAL_MS } from "./node.js";

interface TestnetCliOptions {
  readonly nodes: number;
  readonly host: string;
  readonly port: number;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly logInterval: number;
  readonly echo: boolean;
}

/** The `testnet` subcommand. */
export function testnetCommand(state: RunState): Command {
  return new Command("testnet")
    .description("run a local network of N real-UDP nodes for app development, until Ctrl-C")
    .addOption(new Option("-n, --nodes <n>", `number of nodes, 1..${MAX_TESTNET_NODES}`)
      .argParser((v) => parseCount(v, 1, MAX_TESTNET_NODES, "--nodes")).default(10))
    .addOption(new Option("-p, --port <port>", "UDP port of the bootstrap node (0: a free one)").argParser(parsePort).default(0))
    .option("--host <ip>", "IP address every node binds", "127.0.0.1")
    .option("--json", "log one JSON object per line (stderr)")
    .option("-v, --verbose", "also log every contact each node adds or removes")
    .addOption(new Option("--log-interval <seconds>", "seconds between activity lines")
      .argParser(parseSeconds).default(ACTIVITY_INTERVAL_MS, "10"))
    .option("--no-echo", "do not answer requests (by default each node echoes a request's data)")
    .addHelpText("after", "\nPrints the bootstrap address (host:port) on stdout once every node joined.\n" +
      "Then, in another shell:  export PLEXUS_BOOTSTRAP=<that address>; plexus put hello\n" +
      "In tests, use createLocalTestnet() from \"plexus/testnet\" instead.\n" +
      "Exit: 0 after Ctrl-C, 1 the network could not start, 130 a second Ctrl-C.")
    .action(act(state, runTestnet));
}

async function runTestnet(out: Output, options: TestnetCliOptions): Promise<ExitCode> {
  const stop = new AbortController();
  const stopped = new Promise<NodeJS.Signals>((resolve) => onShutdown((signal) => {
    stop.abort();
    resolve(signal);
  }));
  out.log("starting", `${options.nodes} nodes on ${options.host}`, { nodes: options.nodes, host: options.host });
  const testnet = await createLocalTestnet({ size: options.nodes, host: options.host, port: options.port, signal: stop.signal });
  const detach = testnet.nodes.map((node, i) => {
    if (options.echo) echoRequests(node, out, `node ${i}`);
    return attachNodeLogs(node, out, { label: `node ${i}`, contacts: options.verbose === true, activityMs: options.logInterval });
  });
  try {
    const address = show(testnet.bootstrap[0]!);
    out.result(address, { event: "ready", bootstrap: address, nodes: testnet.nodes.map((n) => ({ id: n.idHex, ...n.address })) });
    out.log("ready", `${testnet.nodes.length} nodes; bootstrap ${address}\n` +
      `  try:  export PLEXUS_BOOTSTRAP=${address}\n        plexus put hello && plexus stats\n` +
      `  or:   plexus node --port 0 --bootstrap ${address}\n  Ctrl-C stops the network.`,
    { bootstrap: address, nodes: testnet.nodes.length });
    const signal = await stopped;
    out.log("closing", `on ${signal}`, { signal });
    return ExitCode.OK;
  } finally {
    for (const off of detach) off();
    await testnet.close();
    out.log("closed", "bye");
  }
}
