import { compareDistance } from "@plexus/core";
import type { Contact, Logger, NodeId } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createMemoryStore } from "@plexus/storage";
import { createMemoryNetwork } from "@plexus/transport-memory";
import { IdInterner } from "@plexus/wire";
import type { LatencyModel, MemoryNetwork } from "@plexus/transport-memory";
import { createNode } from "../engine.js";
import { identityFromSeed } from "../identity/identity.js";
import { settleOn } from "./settle.js";
import type { NodeInit, PlexusNode } from "../api/node.js";

/** Options of {@link createTestnet}. */
export interface TestnetOptions {
  /** Number of nodes. */
  readonly size: number;
  /** Seed of every random choice; the same seed gives the same network and results. */
  readonly seed: number;
  /** Simulated latency. @default { minMs: 5, maxMs: 50 } */
  readonly latency?: LatencyModel;
  /** Datagram loss probability while building and after. @default 0 */
  readonly loss?: number;
  readonly k?: number;
  readonly alpha?: number;
  /**
   * Extra init for every node. Two engine defaults are off in a testnet (enable them here):
   * keep-alive, and `verifyIdentities`, for speed: with it on, each node gets an ed25519
   * identity from its seeded Random (instead of 32 random id bytes) and every admission
   * costs an extra PING round trip, an ed25519 sign (~24 µs) and a proof check (~73 µs); a
   * 1,000-node simulator run takes 4.2x the CPU with it (apps/simulator README).
   */
  readonly init?: Partial<NodeInit>;
  /** Nodes joining at once while building. @default 16 */
  readonly joinConcurrency?: number;
  /** Clock time allowed for the whole build, in ms. @default 3_600_000 */
  readonly maxBuildMs?: number;
  /**
   * Called with each node right after it is created, before it starts: the place to add
   * layers (e.g. `createRealtime(node)`) so that every node serves them from its first datagram.
   */
  readonly setup?: (node: PlexusNode) => void;
  /**
   * Give each node an ed25519 identity from its seeded bytes (its id is then SHA-256 of the
   * public key), so that it can sign its broadcasts and realtime messages, which receivers
   * verify by default (`verifyOrigins`). False: a random id and no identity (~40 µs less per
   * node; the nodes can then not broadcast unless `verifyOrigins` is off). @default true
   */
  readonly identities?: boolean;
  /**
   * The `logger` component of the node built `index`-th (0 is the first): e.g. one that
   * records the events of a few nodes under test. @default each node's own `DEBUG`-driven logger
   */
  readonly logger?: (index: number) => Logger | undefined;
}

/** A simulated network of joined nodes on a manual clock. */
export interface Testnet {
  /** Every node ever built, live or killed, in build order. */
  readonly nodes: readonly PlexusNode[];
  /** The nodes not killed. */
  readonly live: readonly PlexusNode[];
  readonly clock: ManualClock;
  readonly network: MemoryNetwork;
  /** The testnet's own seeded Random (for picking targets in tests). */
  readonly random: SeededRandom;
  /** Moves the clock `ms`, letting promises settle between instants. */
  run(ms: number): Promise<void>;
  /** Runs the clock until `done()` or `maxMs` of clock time; resolves to `done()`. */
  runUntil(done: () => boolean, maxMs: number): Promise<boolean>;
  /** Awaits `promise` while running the clock (up to `maxMs`); rejects if it did not settle. */
  settle<T>(promise: Promise<T>, maxMs?: number): Promise<T>;
  /** Brute-force oracle: the `count` live node ids closest to `target`. */
  trueClosest(target: NodeId, count: number): NodeId[];
  /** Stops a node, or a random `fraction` of the live nodes; resolves to the killed nodes. */
  kill(which: PlexusNode | number): Promise<PlexusNode[]>;
  /** Starts `count` new nodes, each joining through a random live node; resolves to them once joined. */
  add(count: number): Promise<PlexusNode[]>;
  /** Stops every node. */
  stop(): Promise<void>;
}

/**
 * Builds `size` nodes on `@plexus/transport-memory` with a {@link ManualClock} and a
 * {@link SeededRandom}: the first node starts alone, each next one joins (a real join)
 * through a random node already in, `joinConcurrency` at a time. Deterministic: the same
 * options give the same network, byte for byte.
 * @throws Error when the build does not finish within `maxBuildMs` of clock time.
 */
export async function createTestnet(options: TestnetOptions): Promise<Testnet> {
  const clock = new ManualClock();
  const random = new SeededRandom(options.seed);
  const network = createMemoryNetwork({
    clock, random: random.fork(), latency: options.latency ?? { minMs: 5, maxMs: 50 }, loss: options.loss ?? 0,
  });
  const init: NodeInit = {
    keepAliveIntervalMs: 0,
    verifyIdentities: false, // off for speed, explicitly (see `TestnetOptions.init`)
    ...(options.k !== undefined ? { k: options.k } : {}),
    ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
    ...options.init,
  };
  // One id interner for every node: they hear the same ids (see IdInterner).
  const idInterner = new IdInterner();
  const nodes: PlexusNode[] = [];
  const live = new Set<PlexusNode>();

  const settle = <T>(promise: Promise<T>, maxMs = 3_600_000): Promise<T> => settleOn(clock, promise, maxMs);

  const make = (): PlexusNode => {
    const nodeRandom = random.fork();
    const logger = options.logger?.(nodes.length);
    // 32 bytes either way (an id, or the seed of an identity): both draw the same random stream.
    const node = createNode({
      transport: network.createTransport(), clock, random: nodeRandom,
      store: createMemoryStore({ clock }), ids: idInterner, ...(logger ? { logger } : {}),
      ...(options.identities === false ? { id: nodeRandom.bytes(32) } : { identity: identityFromSeed(nodeRandom.bytes(32)) }),
    }, init);
    options.setup?.(node);
    nodes.push(node);
    return node;
  };

  const first = make();
  await settle(first.start());
  live.add(first);
  const concurrency = Math.max(1, options.joinConcurrency ?? 16);
  const deadline = clock.now() + (options.maxBuildMs ?? 3_600_000);
  while (nodes.length < options.size) {
    const joined = nodes.slice();
    const batch: Promise<void>[] = [];
    for (let i = 0; i < concurrency && nodes.length < options.size; i++) {
      const node = make();
      const via = joined[random.int(joined.length)]!;
      batch.push(node.start().then(() => node.join(via.address!)).then(() => { live.add(node); }));
    }
    await settle(Promise.all(batch), Math.max(1, deadline - clock.now()));
  }

  const api: Testnet = {
    nodes,
    get live() { return nodes.filter((n) => live.has(n)); },
    clock, network, random,
    run: async (ms) => { await clock.advanceAsync(ms); },
    runUntil: (done, maxMs) => clock.runUntil(done, maxMs),
    settle,
    trueClosest(target, count) {
      const ids = [...live].map((n) => n.id);
      ids.sort((a, b) => compareDistance(a, b, target));
      return ids.slice(0, count);
    },
    async kill(which) {
      let victims: PlexusNode[];
      if (typeof which === "number") {
        const pool = nodes.filter((n) => live.has(n));
        const count = Math.round(pool.length * which);
        victims = [];
        for (let i = 0; i < count; i++) victims.push(pool.splice(random.int(pool.length), 1)[0]!);
      } else {
        victims = [which];
      }
      for (const v of victims) live.delete(v);
      await Promise.all(victims.map((v) => v.stop()));
      return victims;
    },
    async add(count) {
      const pool = nodes.filter((n) => live.has(n));
      const added = Array.from({ length: count }, () => make());
      await settle(Promise.all(added.map((node) => {
        const via = pool[random.int(pool.length)]!;
        return node.start().then(() => node.join(via.address!)).then(() => { live.add(node); });
      })));
      return added;
    },
    async stop() {
      live.clear();
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
  return api;
}

/** Contacts as ids, for comparing with {@link Testnet.trueClosest}. */
export function ids(contacts: readonly Contact[]): NodeId[] {
  return contacts.map((c) => c.id);
}
