/**
 * The one-shot client: an ephemeral node on port 0 that joins through `--bootstrap`, does
 * one command's work under the `--timeout` deadline, closes, and leaves an exit code.
 */
import { isPlexusError } from "@plexus/core";
import type { Address } from "@plexus/core";
import { Node } from "../node.js";
import { requireBootstrap } from "./arguments.js";
import { seconds, startDeadline } from "./deadline.js";
import type { Deadline } from "./deadline.js";
import { CliError, ExitCode } from "./exit-codes.js";
import type { Output } from "./output.js";

/** Default `--timeout` of a one-shot command, in ms. */
export const CLIENT_TIMEOUT_MS = 15_000;

/** Options every client command shares (commander fills them). */
export interface ClientOptions {
  readonly bootstrap?: Address[];
  readonly host?: string;
  readonly timeout?: number;
  readonly json?: boolean;
}

/** What a command's work receives. */
export interface ClientContext {
  readonly node: Node;
  readonly deadline: Deadline;
  readonly out: Output;
}

/** The host to bind: `--host`, else loopback when every bootstrap node is on loopback, else all interfaces. */
export function clientHost(bootstrap: readonly Address[], host: string | undefined): string {
  if (host !== undefined) return host;
  if (bootstrap.every((a) => a.host.startsWith("127.") || a.host === "::1")) return "127.0.0.1";
  return bootstrap.some((a) => a.host.includes(":")) ? "::" : "0.0.0.0";
}

/**
 * Starts the ephemeral node, joins (unless `join: false`), runs `work`, always closes the
 * node. Resolves to the exit code `work` returned; a failure is a {@link CliError}.
 */
export async function runClient(
  what: string, options: ClientOptions, out: Output,
  work: (context: ClientContext) => Promise<ExitCode>, join = true,
): Promise<ExitCode> {
  const bootstrap = join ? requireBootstrap(options.bootstrap) : (options.bootstrap ?? []);
  const timeoutMs = options.timeout ?? CLIENT_TIMEOUT_MS;
  // A client (docs/protocol.md 10.8): it uses the network, and nobody keeps it in a table
  // or hands it out once it has exited.
  const node = new Node({ host: clientHost(bootstrap, options.host), port: 0, autoListen: false, clientMode: "client" });
  const deadline = startDeadline(timeoutMs, what);
  try {
    await node.listen();
    if (join) await joinOrExplain(node, bootstrap, deadline);
    return await work({ node, deadline, out });
  } catch (error) {
    throw explain(error, deadline);
  } finally {
    deadline.clear();
    await node.close();
  }
}

async function joinOrExplain(node: Node, bootstrap: readonly Address[], deadline: Deadline): Promise<void> {
  try {
    await node.connect(bootstrap, { signal: deadline.signal });
  } catch (error) {
    if ((isPlexusError(error) && error.code === "ERR_JOIN_FAILED") || deadline.signal.aborted) {
      const first = bootstrap[0]!;
      const where = bootstrap.map(show).join(", ");
      throw new CliError(ExitCode.JOIN_FAILED, `could not join through ${where}: no node answered ` +
        `${deadline.signal.aborted ? `within ${seconds(deadline.timeoutMs)}` : "after retries"} — is a node running there? start one with ` +
        `\`plexus node --port ${first.port}\` or \`plexus testnet --port ${first.port}\``);
    }
    throw error;
  }
}

/** The deadline's own error when it fired; otherwise the error as it is. */
function explain(error: unknown, deadline: Deadline): unknown {
  if (error instanceof CliError) return error;
  if (deadline.signal.aborted && deadline.signal.reason instanceof CliError) return deadline.signal.reason;
  return error;
}

/** `127.0.0.1:9000`, `[::1]:9000`. */
export function show(address: Address): string {
  return address.host.includes(":") ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
