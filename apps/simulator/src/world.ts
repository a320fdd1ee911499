import type { NodeId } from "@plexus/core";
import { ManualClock, SeededRandom } from "@plexus/core/testing";
import { createNode, identityFromSeed } from "@plexus/node";
import { createRealtime } from "@plexus/realtime";
import { IdInterner } from "@plexus/wire";
import type { Realtime } from "@plexus/realtime";
import type { BroadcastEvent, NodeInit, PlexusNode } from "@plexus/node";
import { settleOn } from "@plexus/node/testing";
import { createMemoryNetwork } from "@plexus/transport-memory";
import type { MemoryNetwork } from "@plexus/transport-memory";
import { ClosestOracle } from "./oracle.js";
import type { Scenario } from "./scenario.js";

/** Clock time allowed for one settle (a join batch, a lookup wave), in ms. */
const SETTLE_LIMIT_MS = 3_600_000;

/** Called for every broadcast delivery on any node. */
export type DeliveryListener = (node: PlexusNode, event: BroadcastEvent) => void;

/**
 * A simulated network of real `@plexus/node` nodes on `@plexus/transport-memory` and a
 * {@link ManualClock}, built from the same public pieces as `createTestnet` of
 * `@plexus/node/testing`, plus what a study needs on top: join patterns, nodes added
 * after the build (churn), and an oracle of the live ids.
 */
export class World {
  readonly clock = new ManualClock();
  readonly random: SeededRandom;
  readonly network: MemoryNetwork;
  readonly oracle = new ClosestOracle();
  /** Every node ever made, in creation order; bound: nodes + churn joins of the scenario. */
  readonly nodes: PlexusNode[] = [];
  /** Live (joined, not stopped) nodes; bound: `nodes`. */
  readonly #live: PlexusNode[] = [];
  readonly #liveIndex = new Map<PlexusNode, number>();
  readonly #init: NodeInit;
  /** One id interner for every node: they hear the same ids (see IdInterner of @plexus/wire). */
  readonly #ids = new IdInterner();
  /** Each node's realtime layer. Bound: one per node built. */
  readonly #realtime = new Map<PlexusNode, Realtime>();
  readonly #scenario: Scenario;
  #onDelivery: DeliveryListener | undefined;

  constructor(scenario: Scenario) {
    this.#scenario = scenario;
    this.random = new SeededRandom(scenario.seed);
    this.network = createMemoryNetwork({
      clock: this.clock, random: this.random.fork(), latency: scenario.latency, loss: scenario.loss,
    });
    this.#init = {
      k: scenario.k, alpha: scenario.alpha, broadcastRedundancy: scenario.redundancy, keepAliveIntervalMs: 0,
      verifyIdentities: scenario.verifyIdentities, // off unless asked: see Scenario.verifyIdentities
      routeCache: { maxEntries: scenario.routeCache }, ...(scenario.oneHop > 0 ? { oneHop: { maxContacts: scenario.oneHop } } : {}),
    };
  }

  /** The live nodes (a view; changes with joins and kills). */
  get live(): readonly PlexusNode[] {
    return this.#live;
  }

  /** True while `node` is live (joined, not killed). */
  isLive(node: PlexusNode): boolean {
    return this.#liveIndex.has(node);
  }

  /** A random live node. */
  pick(): PlexusNode {
    return this.#live[this.random.int(this.#live.length)]!;
  }

  /** The realtime layer of `node` (every node has one when the scenario has a realtime phase). */
  realtimeOf(node: PlexusNode): Realtime {
    return this.#realtime.get(node)!;
  }

  /** Receives every broadcast delivery from now on (`undefined` to stop). */
  onDelivery(listener: DeliveryListener | undefined): void {
    this.#onDelivery = listener;
  }

  /** Awaits `promise` while running the clock; rejects if it does not settle in time. */
  settle<T>(promise: Promise<T>, maxMs = SETTLE_LIMIT_MS): Promise<T> {
    return settleOn(this.clock, promise, maxMs, "simulator");
  }

  /** Makes and starts a node (not joined, not live yet). */
  async #make(): Promise<PlexusNode> {
    const random = this.random.fork();
    const node = createNode({
      // An identity from the seeded bytes: broadcasts and realtime messages are signed by their
      // origin and verified by default (NodeInit.verifyOrigins), as on real nodes.
      transport: this.network.createTransport(), clock: this.clock, random, identity: identityFromSeed(random.bytes(32)),
      ids: this.#ids,
    }, this.#init);
    node.on("broadcast", (event) => this.#onDelivery?.(node, event));
    // Only when the scenario has a realtime phase: the layer is per node, and so is its memory.
    if (this.#scenario.topics > 0 || this.#scenario.directs > 0) this.#realtime.set(node, createRealtime(node));
    this.nodes.push(node);
    await node.start();
    return node;
  }

  #markLive(node: PlexusNode): void {
    this.#liveIndex.set(node, this.#live.length);
    this.#live.push(node);
    this.oracle.add(node.id);
  }

  /** The node a newcomer joins through, by the scenario's join pattern. */
  #via(): PlexusNode {
    return this.#scenario.join === "bootstrap" && this.#liveIndex.has(this.nodes[0]!) ? this.nodes[0]! : this.pick();
  }

  /** Creates a node and joins it (a real join); it counts as live once joined. Resolves false if the join failed. */
  async join(): Promise<boolean> {
    const via = this.#via();
    const node = await this.#make();
    try {
      await node.join(via.address!);
      if (node.started) this.#markLive(node);
      return true;
    } catch {
      await node.stop();
      return false;
    }
  }

  /** Builds the scenario's nodes: the first alone, then `joinBatch` at a time. */
  async build(onProgress?: (done: number) => void): Promise<number> {
    const first = await this.settle(this.#make());
    this.#markLive(first);
    let failed = 0;
    while (this.nodes.length < this.#scenario.nodes) {
      const batch: Promise<boolean>[] = [];
      const size = Math.min(this.#scenario.joinBatch, this.#scenario.nodes - this.nodes.length);
      // Creating sequentially keeps node ids and addresses in a fixed order.
      for (let i = 0; i < size; i++) batch.push(this.join());
      failed += (await this.settle(Promise.all(batch))).filter((ok) => !ok).length;
      onProgress?.(this.nodes.length);
    }
    return failed;
  }

  /** Stops a live node (silently, like a crash: Kademlia has no leave message). */
  async kill(node: PlexusNode): Promise<void> {
    const index = this.#liveIndex.get(node);
    if (index === undefined) return;
    const last = this.#live.pop()!;
    if (last !== node) {
      this.#live[index] = last;
      this.#liveIndex.set(last, index);
    }
    this.#liveIndex.delete(node);
    this.oracle.remove(node.id);
    await node.stop();
  }

  /** Kills a random `fraction` of the live nodes at once. */
  async killFraction(fraction: number): Promise<number> {
    const count = Math.round(this.#live.length * fraction);
    const victims: PlexusNode[] = [];
    for (let i = 0; i < count; i++) {
      const node = this.pick();
      victims.push(node);
      await this.kill(node);
    }
    return victims.length;
  }

  /** The `count` live ids closest to `target` (brute force, the oracle). */
  trueClosest(target: NodeId, count: number): NodeId[] {
    return this.oracle.closest(target, count);
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }
}
