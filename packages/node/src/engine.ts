import { EventEmitter } from "node:events";
import { PlexusError, RoutingTable, addressKey, assertNodeId, assertObject, parseAddress } from "@plexus/core";
import type { Address, Clock, Contact, NodeId, Random, RecordStore, Transport } from "@plexus/core";
import { createMemoryStore } from "@plexus/storage";
import type { CallOptions } from "./api/call-options.js";
import { RemoteError, checkCall } from "./api/errors.js";
import type { NodeComponents, NodeEvents, NodeInit, PlexusNode } from "./api/node.js";
import { publicContact, publicContacts, publicGetResult, publicSteps } from "./api/public-contact.js";
import { safeEmit } from "./api/safe-emit.js";
import { Broadcaster } from "./broadcast/broadcaster.js";
import type { BroadcastOptions, BroadcastResult } from "./broadcast/types.js";
import { resolveInit } from "./config/config.js";
import type { NodeConfig } from "./config/config.js";
import { PING } from "./handlers/ping.js";
import { kademliaHandlers } from "./handlers/table.js";
import type { NodeIdentity } from "./identity/identity.js";
import { IdBinding, shortlistRules } from "./identity/id-binding.js";
import { ownIdentity } from "./identity/own-identity.js";
import { proveIdentity } from "./identity/prove.js";
import { nodeLogs, type NodeLogs } from "./logging/node-logs.js";
import { OriginGuard } from "./origins/origin-guard.js";
import { OriginSigner } from "./origins/origin-signer.js";
import type { RestartMemory } from "./persistence/restart-memory.js";
import { publisherDuty } from "./persistence/publisher-duty.js";
import { createCryptoRandom } from "./platform/crypto-random.js";
import { systemClock } from "./platform/system-clock.js";
import { EngineHost } from "./protocols/engine-host.js";
import { Protocols } from "./protocols/protocols.js";
import type { Protocol, ProtocolFactory, ProtocolHost } from "./protocols/types.js";
import { drain } from "./query/drain.js";
import { runGet } from "./query/get.js";
import { Lookups } from "./query/lookups.js";
import { runPut } from "./query/put.js";
import type { PutComponents } from "./query/put.js";
import type * as Q from "./query/types.js";
import type { MutableRecord } from "./records/mutable-record.js";
import { checkValue, putTtl } from "./records/put-arguments.js";
import type { Republisher } from "./records/republisher.js";
import { StoreQuota } from "./records/store-quota.js";
import { StoreTokens } from "./records/store-tokens.js";
import type { GetMutableOptions, MutablePutInput, MutablePutResult } from "./records/types.js";
import * as V from "./records/verified-records.js";
import { BucketActivity } from "./routing/bucket-activity.js";
import { ContactBook } from "./routing/contact-book.js";
import { SubnetLimits } from "./routing/subnet-limits.js";
import { Routability } from "./limits/routability.js";
import { SourceBudget } from "./limits/source-budget.js";
import { joinNetwork } from "./routing/join.js";
import { Maintenance } from "./routing/maintenance.js";
import { Responder } from "./rpc/responder.js";
import { Reachability, noteReply } from "./reachability/reachability.js";
import { localHosts } from "./platform/local-hosts.js";
import { Rpc } from "./rpc/rpc.js";
import { Counters } from "./stats/counters.js";
import { Latency, timed, timedPromise } from "./stats/latency.js";
import { snapshotStats } from "./stats/node-stats.js";
import type { NodeStats } from "./stats/node-stats.js";

/**
 * Creates a Kademlia node from its parts. The constructor only wires things together: the
 * transport starts and the timers run from `start()` on.
 * @throws PlexusError `ERR_INVALID_ID` / `ERR_INVALID_ARGUMENT` on a bad id or init.
 */
export function createNode(components: NodeComponents, init?: NodeInit): PlexusNode {
  return new Engine(components, resolveInit(init));
}

/**
 * The protocol engine: composes the parts (each receives the few pieces it uses), runs the
 * datagram path, and offers the public operations. The parts never call back into it.
 */
class Engine extends EventEmitter<NodeEvents> implements PlexusNode {
  readonly id: NodeId;
  readonly identity: NodeIdentity | undefined;
  readonly table: RoutingTable;
  readonly #config: NodeConfig;
  readonly #clock: Clock;
  readonly #store: RecordStore;
  readonly #transport: Transport;
  readonly #counters = new Counters();
  readonly #latency = new Latency();
  readonly #logs: NodeLogs;
  readonly #rpc: Rpc;
  readonly #protocols: Protocols;
  readonly #contacts: ContactBook;
  readonly #lookups: Lookups;
  readonly #putParts: PutComponents;
  readonly #records: V.VerifiedRecordComponents;
  readonly #broadcaster: Broadcaster;
  readonly #republisher: Republisher;
  /** The timers of upkeep (table, NAT keep-alive, republishing), started and stopped together. */
  readonly #upkeep: readonly { start(): void; stop(): void }[];
  readonly #random: Random;
  readonly #responder: Responder;
  readonly #reachability: Reachability;
  readonly #binding: IdBinding;
  /** Signs this node's broadcasts and layer messages as their origin; none without an identity. */
  readonly #signer: OriginSigner | undefined;
  /** What registered layers use; made on the first `register()` (most nodes of a simulation have none). */
  #host: ProtocolHost | undefined;
  readonly #restart: RestartMemory | undefined;
  #running = false;
  #starting: Promise<Address> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(components: NodeComponents, config: NodeConfig) {
    super();
    const clock = this.#clock = components.clock ?? systemClock;
    const random = this.#random = components.random ?? createCryptoRandom();
    const counters = this.#counters;
    this.#config = config;
    const own = ownIdentity(components, random);
    const self = this.id = own.id;
    this.identity = own.identity;
    const logs = this.#logs = nodeLogs(self, components.logger);
    const { k, requestRetries: retries } = config;
    const store = this.#store = components.store ?? createMemoryStore({
      clock, maxValueBytes: config.maxValueBytes, maxRecords: config.maxStoredRecords, maxMemoryBytes: config.maxStoredBytes,
    });
    const transport = this.#transport = components.transport;
    const table = this.table = new RoutingTable(self, { k, replacementCacheSize: config.replacementCacheSize });
    const budget = new SourceBudget(clock, config);
    const tokens = new StoreTokens(clock, random);
    const routability = new Routability(clock, tokens, config.exemptLoopback);
    const protocols = this.#protocols = new Protocols(counters, components.ids, { budget, routability, log: logs.rpc });
    const rpc: Rpc = this.#rpc = new Rpc({
      self, transport, codec: protocols, clock, random, counters,
      timeoutMs: config.requestTimeoutMs, minTimeoutMs: config.minRequestTimeoutMs,
      maxInFlight: config.maxInFlightRequests, maxQueued: config.maxQueuedRequests, exemptLoopback: config.exemptLoopback,
      log: logs.rpc, rtt: this.#latency.rpcRtt, client: () => reachability.isClient, alt: (to) => reachability.altFor(to),
      hooks: {
        onReply: (message, from) => noteReply(message, from, routability, reachability, contacts, binding),
        onFailure: (to, id) => contacts.failed(to, id),
      },
    });
    const limits = new SubnetLimits(table, config); // maxContactsPerSubnet(PerBucket), exemptLoopback
    const binding = this.#binding = new IdBinding({ self, table, counters, isClient: () => reachability.isClient, bound: () => transport.address, localHosts: components.localHosts ?? localHosts,
      observed: () => reachability.publicAddress, dropped: (c) => limits.removed(c), announce: () => void lookups.quiet(self).catch(() => undefined), log: logs.node }, config.addressBoundIds);
    const contacts = this.#contacts = new ContactBook({
      table, clock, limits, log: logs.routing, oneHop: config.oneHop,
      ping: (address, id, done) => { rpc.call(address, PING, id, { retries }, () => done(true), () => done(false)); },
      emit: (name, contact) => { if (this.listenerCount(name) > 0) this.#emit(name, publicContact(contact)); }, proven: (address) => routability.isProven(address),
      prove: config.verifyIdentities ? (address, id) => proveIdentity({ self, rpc, random, retries }, address, id) : undefined, random, allows: binding.allows,
    });
    const reachability = this.#reachability = new Reachability({ self, clock, random, table, rpc, counters, transport, codec: protocols, proven: (a) => routability.isProven(a), localHosts: components.localHosts ?? localHosts },
      { clientMode: config.clientMode, addressQuorum: config.addressQuorum, requestRetries: retries, natKeepAliveMs: config.natKeepAliveIntervalMs });
    const activity = new BucketActivity(table, clock);
    const lookups = this.#lookups = new Lookups({ table, rpc, clock, counters, onLookup: (target) => activity.note(target), log: logs.lookup, duration: this.#latency.lookup, full: contacts.full, challenge: (c) => contacts.nonceFor(c.id, c) },
      { self, k, alpha: config.alpha, requestTimeoutMs: config.requestTimeoutMs, lookupStallMs: config.lookupStallMs,
        lookupTimeoutMs: config.lookupTimeoutMs, disjointPaths: config.disjointPaths, routeCache: config.routeCache,
        rules: shortlistRules(binding, config) });
    this.#putParts = { self, store, clock, rpc, lookups, k, requestRetries: retries };
    this.#records = { store, clock, lookups, counters, put: (record, signal) => runPut(this.#putParts, record, signal) };
    const running = (): boolean => this.#running;
    const signer = this.#signer = this.identity && new OriginSigner(this.identity, clock);
    const guard = new OriginGuard(clock, { verify: config.verifyOrigins,
      perOriginPerSecond: config.maxBroadcastsPerOriginPerSecond, perSubnetPerSecond: config.maxBroadcastsPerSubnetPerSecond, exemptLoopback: config.exemptLoopback });
    this.#broadcaster = new Broadcaster(
      { table, rpc, random, clock, counters, lookups, running, signer, guard, log: logs.broadcast, deliver: (event) => this.#emit("broadcast", event) },
      { self, broadcastRedundancy: config.broadcastRedundancy, broadcastAttemptsPerBucket: config.broadcastAttemptsPerBucket,
        broadcastDedupSize: config.broadcastDedupSize, broadcastDedupWindowMs: config.broadcastDedupWindowMs,
        verifyOrigins: config.verifyOrigins });
    const maintenance = new Maintenance({ table, clock, random, rpc, lookups, activity }, {
      self, refreshIntervalMs: config.refreshIntervalMs, keepAliveIntervalMs: config.keepAliveIntervalMs,
      keepAliveMaxPerTick: config.keepAliveMaxPerTick, requestRetries: retries,
    });
    ({ republisher: this.#republisher, restart: this.#restart } = publisherDuty({ store, table, clock, counters, state: components.state,
      put: (record, signal) => drain(runPut(this.#putParts, record, signal)), onError: (error) => this.#emit("state:error", error) }, { ...config, self }));
    this.#upkeep = [maintenance, reachability, this.#republisher, protocols, ...(this.#restart ? [this.#restart] : [])];
    const responder = this.#responder = new Responder({ self, transport, codec: protocols, counters, budget, routability, tokens, log: logs.rpc });
    protocols.addHandlers(kademliaHandlers({
      responder, table, store, clock, counters, quota: new StoreQuota({ store, clock, counters }, {
        maxRecords: config.maxStoredRecords, maxBytes: config.maxStoredBytes, share: config.maxStoreSharePerSubnet, exemptLoopback: config.exemptLoopback,
      }), identity: this.identity, broadcaster: this.#broadcaster, reachability,
      tokens, k, maxValueBytes: config.maxValueBytes, maxTtlMs: config.maxTtlMs,
      requireStoreTokens: config.requireStoreTokens, log: logs.records,
    }));
  }

  get address(): Address | undefined {
    return this.#transport.address;
  }

  get started(): boolean {
    return this.#running;
  }

  #emit<K extends keyof NodeEvents>(name: K, ...args: NodeEvents[K]): void {
    safeEmit(this, () => this.#counters.listenerErrors++, name, ...args);
  }

  /** The datagram path: decode once, route, never throw. */
  #onDatagram = (data: Uint8Array, from: Address): void => {
    if (!this.#running) return;
    try {
      this.#protocols.route(data, from, this.#rpc, this.#contacts);
    } catch {
      this.#counters.malformed++;
    }
  };

  // ---- lifecycle ----

  start(options: CallOptions = {}): Promise<Address> {
    try {
      checkCall(options);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#running && this.address) return Promise.resolve(this.address);
    this.#starting ??= (async () => {
      this.#transport.onDatagram(this.#onDatagram);
      const address = await this.#transport.start(options.signal ? { signal: options.signal } : {});
      this.#binding.check(); // a transport bound to a public address: the bound id before the first datagram
      this.#running = true;
      this.#stopping = undefined;
      for (const part of this.#upkeep) part.start();
      this.#logs.node.info("started", { address: addressKey(address) });
      this.#emit("started", address);
      return address;
    })().finally(() => { this.#starting = undefined; });
    return this.#starting;
  }

  stop(): Promise<void> {
    if (!this.#running && !this.#starting) return this.#stopping ?? Promise.resolve();
    this.#stopping ??= (async () => {
      await this.#starting?.catch(() => undefined);
      await this.#restart?.saveTable();
      this.#running = false;
      for (const part of this.#upkeep) part.stop();
      this.#broadcaster.clear();
      this.#rpc.cancelAll(new PlexusError("ERR_STOPPED", "node stopped"));
      this.#transport.onDatagram(undefined);
      await this.#transport.stop();
      this.#logs.node.info("stopped");
      this.#emit("stopped");
    })();
    return this.#stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  register<P extends Protocol>(factory: ProtocolFactory<P>): P {
    const config = this.#config;
    return this.#protocols.register(factory(this.#host ??= new EngineHost({
      id: this.id, clock: this.#clock, random: this.#random, table: this.table, k: config.k,
      requestRetries: config.requestRetries, requestTimeoutMs: config.requestTimeoutMs,
      rpc: this.#rpc, responder: this.#responder, lookups: this.#lookups, isRunning: () => this.#running,
      signer: this.#signer, verifyOrigins: config.verifyOrigins, logger: this.#logs.logger, keepAlive: this.#reachability.keepAlive, reachability: this.#reachability, broadcaster: this.#broadcaster,
    })));
  }

  // ---- operations ----
  // Every async method rejects with signal.reason on an already-aborted signal before doing
  // anything else (STYLE "Public API"): e.g. get() must not answer from the local store.

  /** Checks the call's options and that the node runs. */
  #ready(options: CallOptions | undefined): void {
    checkCall(options);
    if (!this.#running) throw new PlexusError("ERR_NOT_STARTED", "call start() first");
  }

  async join(bootstrap: Address | readonly Address[], options: CallOptions = {}): Promise<void> {
    this.#ready(options);
    const list = (Array.isArray(bootstrap) ? bootstrap as unknown[] : [bootstrap]).map((a) => parseAddress(a, "bootstrap address"));
    if (list.length === 0) throw new PlexusError("ERR_INVALID_ARGUMENT", "no bootstrap address");
    await joinNetwork({ self: this.id, table: this.table, rpc: this.#rpc, random: this.#random, clock: this.#clock,
      contacts: this.#contacts, lookups: this.#lookups, log: this.#logs.routing }, this.#config, list, options.signal);
    this.#restart?.joined();
    this.#reachability.probe();
  }

  async rejoin(options: CallOptions = {}): Promise<void> {
    this.#ready(options);
    const saved = this.#restart?.savedContacts() ?? [];
    if (saved.length === 0) throw new PlexusError("ERR_INVALID_ARGUMENT", "no saved contacts to rejoin through");
    await this.join(saved, options);
  }

  async ping(address: Address, options: CallOptions = {}): Promise<Contact> {
    this.#ready(options);
    const reply = await this.#rpc.request(parseAddress(address), PING, undefined, { retries: this.#config.requestRetries, signal: options.signal });
    const m = reply.message;
    if (m.type === "ERROR") throw new RemoteError(m.code, m.message);
    return publicContact({ id: m.sender, host: reply.from.host, port: reply.from.port });
  }

  async *lookup(target: NodeId, options: Q.LookupOptions = {}): AsyncGenerator<Q.LookupEvent, Q.LookupResult, void> {
    checkCall(options);
    assertNodeId(target, "target");
    this.#ready(options);
    const started = this.#clock.now();
    const walk = this.#lookups.nodes(target, { signal: options.signal, events: options.events !== false });
    const { closest, rounds, depth, contacted, failed, timedOut } = yield* publicSteps(walk, (r) => r);
    return { target, closest: publicContacts(closest), rounds, depth, contacted, failed, durationMs: this.#clock.now() - started, timedOut };
  }

  async findNode(target: NodeId, options: CallOptions = {}): Promise<Contact[]> {
    checkCall(options);
    return (await drain(this.lookup(target, { ...options, events: false }))).closest;
  }

  get(key: NodeId, options: CallOptions = {}): AsyncGenerator<Q.GetEvent, Q.GetResult, void> {
    return publicSteps(this.#get(key, options), publicGetResult);
  }

  async getValue(key: NodeId, options: CallOptions = {}): Promise<Uint8Array | undefined> {
    const result = await drain(this.#get(key, options)); // nobody sees the steps: no public copies
    return result.found ? result.value : undefined;
  }

  async *#get(key: NodeId, options: CallOptions): AsyncGenerator<Q.GetEvent, Q.GetResult, void> {
    checkCall(options);
    assertNodeId(key, "key");
    this.#ready(options);
    return yield* timed(this.#clock, this.#latency.get, runGet({ store: this.#store, clock: this.#clock, lookups: this.#lookups,
      counters: this.#counters }, { readQuorum: this.#config.readQuorum }, key, options.signal));
  }

  put(key: NodeId, value: Uint8Array, options: Q.PutOptions = {}): AsyncGenerator<Q.PutEvent, Q.PutResult, void> {
    return publicSteps(this.#put(key, value, options), (r) => r);
  }

  async *#put(key: NodeId, value: Uint8Array, options: Q.PutOptions): AsyncGenerator<Q.PutEvent, Q.PutResult, void> {
    checkCall(options);
    assertNodeId(key, "key");
    const record = { key: key.slice(), value: checkValue(value, this.#config.maxValueBytes).slice(), ttlMs: putTtl(options.ttlMs, this.#config), publisher: this.id };
    this.#ready(options);
    const result = yield* timed(this.#clock, this.#latency.put, runPut(this.#putParts, record, options.signal));
    if (options.republish !== false && this.#running) {
      this.#republisher.publish(record);
      // The publisher's duty survives restarts: saved before the put resolves.
      await this.#restart?.published(record);
    }
    return result;
  }

  putValue(key: NodeId, value: Uint8Array, options: Q.PutOptions = {}): Promise<Q.PutResult> {
    return drain(this.#put(key, value, options)); // nobody sees the steps: no public copies
  }

  async putImmutable(value: Uint8Array, options: Q.PutOptions = {}): Promise<Q.PutResult> {
    return this.#putRecord(V.immutablePutRecord(this.id, checkValue(value, this.#config.maxValueBytes), putTtl(options.ttlMs, this.#config)), options);
  }

  async getImmutable(key: NodeId, options: CallOptions = {}): Promise<Uint8Array | undefined> {
    checkCall(options);
    assertNodeId(key, "key");
    this.#ready(options);
    return timedPromise(this.#clock, this.#latency.get, () => V.getImmutableValue(this.#records, key, options.signal));
  }

  async putMutable(input: MutablePutInput, options: Q.PutOptions = {}): Promise<MutablePutResult> {
    checkCall(options);
    assertObject(input, "input");
    const { record, put } = V.mutablePutRecord(this.identity, input, putTtl(options.ttlMs, this.#config));
    return { ...(await this.#putRecord(put, options)), record };
  }

  async getMutable(publicKey: Uint8Array, options: GetMutableOptions = {}): Promise<MutableRecord | undefined> {
    checkCall(options);
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", "publicKey must be 32 bytes");
    }
    this.#ready(options);
    return timedPromise(this.#clock, this.#latency.get, () => V.getMutableRecord(this.#records, publicKey, options.salt, options.signal));
  }

  /** Puts a verifiable record; republishes it (without `cas`) as its publisher unless told not to. */
  async #putRecord(record: Q.PutRecord, options: Q.PutOptions): Promise<Q.PutResult> {
    this.#ready(options);
    const result = await timedPromise(this.#clock, this.#latency.put, () => V.putVerified(this.#records, record, options.signal));
    if (options.republish !== false && this.#running) this.#republisher.publish({ ...record, cas: undefined });
    return result;
  }

  unpublish(key: NodeId): boolean {
    assertNodeId(key, "key");
    this.#restart?.unpublished(key);
    return this.#republisher.unpublish(key);
  }

  broadcast(data: Uint8Array, options: BroadcastOptions = {}): Promise<BroadcastResult> {
    try {
      this.#ready(options);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#broadcaster.start(data, options.redundancy ?? this.#config.broadcastRedundancy, options.signal);
  }

  stats(): NodeStats {
    return snapshotStats(this.#counters, { rpc: this.#rpc, table: this.table, store: this.#store, reachability: this.#reachability, latency: this.#latency, lookups: this.#lookups, binding: this.#binding });
  }
}
