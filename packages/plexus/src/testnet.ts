/**
 * plexus/testnet: a local network of real-UDP facade nodes on one host, for app
 * development and tests (as `hyperdht/testnet` offers). `plexus testnet` runs one from the
 * command line.
 * @packageDocumentation
 */
import type { Address } from "@plexus/core";
import { PlexusError } from "@plexus/core";
import { Node } from "./node.js";
import type { NodeOptions } from "./types.js";

/** The most nodes one testnet runs (each is a socket and a routing table in this process). */
export const MAX_TESTNET_NODES = 1_000;

/** Options of {@link createLocalTestnet}. */
export interface LocalTestnetOptions {
  /** Number of nodes, 1..1000. @default 10 */
  readonly size?: number;
  /** IP literal every node binds. @default "127.0.0.1" */
  readonly host?: string;
  /** UDP port of the first node (the bootstrap); the others take free ports. @default 0 (a free one) */
  readonly port?: number;
  /** Aborting it closes the testnet (and rejects the creation while it is still joining). */
  readonly signal?: AbortSignal;
  /** More options for every node (`requestTimeoutMs`, `k`, ...); `host`, `port` and `dataDir` are the testnet's. */
  readonly nodeOptions?: Omit<NodeOptions, "host" | "port" | "dataDir">;
}

/** A running local testnet. */
export interface LocalTestnet extends AsyncDisposable {
  /** Where apps join: the first node's address (pass to `connect()` or `--bootstrap`). */
  readonly bootstrap: Address[];
  /** Every node, the bootstrap node first. */
  readonly nodes: Node[];
  /** Closes every node; idempotent. */
  close(): Promise<void>;
}

/**
 * Starts `size` nodes on `host`: the first binds `port`, the others join through it, one
 * after another so each join sees the nodes before it. Resolves once all have joined.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for a size outside 1..1000; `ERR_JOIN_FAILED`
 *   when a node cannot join; the abort reason when `signal` aborts first. Nodes started so
 *   far are closed before it rejects.
 */
export async function createLocalTestnet(options: LocalTestnetOptions = {}): Promise<LocalTestnet> {
  const { size = 10, host = "127.0.0.1", port = 0, signal, nodeOptions = {} } = options;
  if (!Number.isInteger(size) || size < 1 || size > MAX_TESTNET_NODES) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `testnet size must be a whole number 1..${MAX_TESTNET_NODES}, got ${String(size)}`);
  }
  const nodes: Node[] = [];
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= Promise.all(nodes.map((n) => n.close())).then(() => undefined));
  const onAbort = (): void => void close();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    signal?.throwIfAborted();
    const first = new Node({ ...nodeOptions, host, port, autoListen: false });
    nodes.push(first);
    const bootstrap = await first.listen();
    for (let i = 1; i < size; i++) {
      signal?.throwIfAborted();
      const node = new Node({ ...nodeOptions, host, port: 0, autoListen: false });
      nodes.push(node);
      await node.connect(bootstrap, signal ? { signal } : {});
    }
    signal?.throwIfAborted();
    return { bootstrap: [{ ...bootstrap }], nodes, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    signal?.removeEventListener("abort", onAbort);
    await close();
    throw error;
  }
}
