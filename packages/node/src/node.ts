import { EventEmitter } from "node:events";
import { PlexusError, RoutingTable, assertNodeId, bytesEqual } from "@plexus/core";
import type { Address, Clock, Contact, NodeId, Random, RecordStore, Transport } from "@plexus/core";
import { createMemoryStore } from "@plexus/storage";
import { tryDecode } from "@plexus/wire";
import type { ResponseMessage } from "@plexus/wire";
import { Broadcaster } from "./broadcast.js";
import { resolveInit } from "./config.js";
import type { NodeConfig } from "./config.js";
import { ContactBook } from "./contact-book.js";
import type { NodeContext } from "./context.js";
import { cryptoRandom } from "./crypto-random.js";
import { abortReason, throwIfAborted } from "./errors.js";
import { safeEmit } from "./events.js";
import { runGet } from "./get.js";
import type { NodeIdentity } from "./identity/identity.js";
import { proveIdentity } from "./identity/prove.js";
import * as R from "./records/records-api.js";
import { StoreTokens } from "./records/store-tokens.js";
import { dispatchRequest } from "./handlers/dispatch.js";
import { dispatchRealtime, isRealtimeRequest, REALTIME_RESPONSES } from "./handlers/dispatch-realtime.js";
import { Realtime } from "./realtime/realtime.js";
import type * as RT from "./realtime/types.js";
import { joinNetwork } from "./join.js";
import { runNodeLookup } from "./lookup.js";
import { Maintenance } from "./maintenance.js";
import { runPut } from "./put.js";
import type { PutRecord } from "./put.js";
import type { MutableRecord } from "./records/mutable-record.js";
import { Republisher } from "./republish.js";
import { Rpc } from "./rpc.js";
import { Counters } from "./stats.js";
import { systemClock } from "./system-clock.js";
import type * as T from "./types.js";

const RESPONSES = new Set(["PONG", "NODES", "VALUE", "STORED", "ACK", "ERROR", ...REALTIME_RESPONSES]);

/**
 * Creates a Kademlia node from its parts. The constructor only wires things together: the
 * transport starts and the timers run from `start()` on.
 * @throws PlexusError `ERR_INVALID_ID` / `ERR_INVALID_ARGUMENT` on a bad id or init.
 */
export function createNode(components: T.NodeComponents, init?: T.NodeInit): T.PlexusNode {
  return new Node(components, resolveInit(init));
}

/** The body of every admission / eviction PING (no fields: shared). */
const PING = { type: "PING" } as const;

class Node extends EventEmitter<T.NodeEvents> implements T.PlexusNode, NodeContext {
  readonly id: NodeId;
  readonly self: NodeId;
  readonly config: NodeConfig;
  readonly clock: Clock;
  readonly random: Random;
  readonly store: RecordStore;
  readonly table: RoutingTable;
  readonly rpc: Rpc;
  readonly contacts: ContactBook;
  readonly counters = new Counters();
  readonly identity: NodeIdentity | undefined;
  readonly tokens: StoreTokens;
  readonly #transport: Transport;
  readonly #broadcaster: Broadcaster;
  readonly #maintenance: Maintenance;
  readonly #republisher: Republisher;
  readonly #realtime: Realtime;
  #running = false;
  #starting: Promise<Address> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(components: T.NodeComponents, config: NodeConfig) {
    super();
    this.config = config;
    this.clock = components.clock ?? systemClock;
    this.random = components.random ?? cryptoRandom;
    this.identity = components.identity;
    this.id = this.self = components.id ?? components.identity?.id ?? this.random.bytes(32);
    assertNodeId(this.id);
    if (this.identity && !bytesEqual(this.identity.id, this.id)) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", "id must be SHA-256 of the identity's public key (or left out)");
    }
    this.tokens = new StoreTokens(this.clock, this.random);
    this.store = components.store ?? createMemoryStore({ clock: this.clock, maxValueBytes: config.maxValueBytes });
    this.#transport = components.transport;
    this.table = new RoutingTable(this.id, { k: config.k, replacementCacheSize: config.replacementCacheSize });
    this.contacts = new ContactBook({
      table: this.table,
      clock: this.clock,
      ping: (address, id, done) => {
        this.rpc.call(address, PING, id, { retries: config.requestRetries }, () => done(true), () => done(false));
      },
      emit: (name, ...args) => this.emit(name, ...args),
      prove: config.verifyIdentities
        ? (address, id) => proveIdentity({ self: this.id, rpc: this.rpc, random: this.random, retries: config.requestRetries }, address, id)
        : undefined,
    });
    this.rpc = new Rpc({
      self: this.id, transport: this.#transport, clock: this.clock, random: this.random, counters: this.counters,
      timeoutMs: config.requestTimeoutMs, minTimeoutMs: config.minRequestTimeoutMs, maxInFlight: config.maxInFlightRequests, maxQueued: config.maxQueuedRequests,
      hooks: {
        onReply: (message, from) => this.contacts.answered(message.sender, from),
        onFailure: (to, id) => this.contacts.failed(to, id),
      },
    });
    this.#broadcaster = new Broadcaster(this);
    this.#maintenance = new Maintenance(this);
    this.#republisher = new Republisher(this);
    this.#realtime = new Realtime(this);
  }

  get address(): Address | undefined {
    return this.#transport.address;
  }

  get running(): boolean {
    return this.#running;
  }

  get started(): boolean {
    return this.#running;
  }

  // ---- NodeContext plumbing ----

  override emit<K extends keyof T.NodeEvents>(name: K, ...args: T.NodeEvents[K]): boolean {
    safeEmit(this, this.counters, name, ...args);
    return true;
  }

  reply(to: Address, message: ResponseMessage): void {
    let bytes: Uint8Array;
    try {
      bytes = this.rpc.encode(message);
    } catch {
      this.counters.encodeErrors++;
      return;
    }
    this.counters.sent[message.type]++;
    this.#transport.send(to, bytes);
  }

  noteLookup(target: NodeId): void {
    this.#maintenance.noteLookup(target);
  }

  /** The datagram path: decode once, route, never throw. */
  #onDatagram = (data: Uint8Array, from: Address): void => {
    try {
      if (!this.#running) return;
      const decoded = tryDecode(data);
      if (!decoded.ok) {
        this.counters.malformed++;
        return;
      }
      const message = decoded.message;
      this.counters.received[message.type]++;
      if (RESPONSES.has(message.type)) {
        this.rpc.handleResponse(message as ResponseMessage, from);
        return;
      }
      if (isRealtimeRequest(message)) {
        this.contacts.requested(message.sender, from);
        dispatchRealtime(this, this.#realtime, message, from);
        return;
      }
      if (message.type === "PING" || message.type === "FIND_NODE" || message.type === "FIND_VALUE"
        || message.type === "STORE" || message.type === "BROADCAST") {
        this.contacts.requested(message.sender, from);
        dispatchRequest(this, this.#broadcaster, message, from);
      }
    } catch {
      this.counters.malformed++;
    }
  };

  // ---- lifecycle ----

  start(options: T.CallOptions = {}): Promise<Address> {
    if (options.signal?.aborted) return Promise.reject(abortReason(options.signal));
    if (this.#running && this.address) return Promise.resolve(this.address);
    this.#starting ??= (async () => {
      this.#transport.onDatagram(this.#onDatagram);
      const address = await this.#transport.start(options.signal ? { signal: options.signal } : {});
      this.#running = true;
      this.#stopping = undefined;
      this.#maintenance.start();
      this.#republisher.start();
      this.emit("started", address);
      return address;
    })().finally(() => { this.#starting = undefined; });
    return this.#starting;
  }

  stop(): Promise<void> {
    if (!this.#running && !this.#starting) return this.#stopping ?? Promise.resolve();
    this.#stopping ??= (async () => {
      await this.#starting?.catch(() => undefined);
      this.#running = false;
      this.#maintenance.stop();
      this.#republisher.stop();
      this.#broadcaster.clear();
      this.#realtime.stop();
      this.rpc.cancelAll(new PlexusError("ERR_STOPPED", "node stopped"));
      this.#transport.onDatagram(undefined);
      await this.#transport.stop();
      this.emit("stopped");
    })();
    return this.#stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  #assertRunning(): void {
    if (!this.#running) throw new PlexusError("ERR_NOT_STARTED", "call start() first");
  }

  // ---- operations ----

  // Every async method rejects with signal.reason on an already-aborted signal before doing
  // anything else (STYLE "Public API"): e.g. get() must not answer from the local store.

  async join(bootstrap: Address | readonly Address[], options: T.CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    this.#assertRunning();
    const list: readonly Address[] = Array.isArray(bootstrap) ? bootstrap : [bootstrap as Address];
    if (list.length === 0) throw new PlexusError("ERR_INVALID_ARGUMENT", "no bootstrap address");
    await joinNetwork(this, list, options.signal);
  }

  async ping(address: Address, options: T.CallOptions = {}): Promise<Contact> {
    throwIfAborted(options.signal);
    this.#assertRunning();
    const reply = await this.rpc.request(address, { type: "PING" }, undefined, { retries: this.config.requestRetries, signal: options.signal });
    return { id: reply.message.sender, host: reply.from.host, port: reply.from.port };
  }

  async *lookup(target: NodeId, options: T.LookupOptions = {}): AsyncGenerator<T.LookupEvent, T.LookupResult, void> {
    throwIfAborted(options.signal);
    assertNodeId(target, "target");
    this.#assertRunning();
    const outcome = yield* runNodeLookup(this, target, options.signal, false, options.events === false);
    const { closest, rounds, depth, contacted, failed, durationMs } = outcome;
    return { target, closest, rounds, depth, contacted, failed, durationMs };
  }

  async findNode(target: NodeId, options: T.CallOptions = {}): Promise<Contact[]> {
    const it = this.lookup(target, { ...options, events: false });
    for (;;) {
      const r = await it.next();
      if (r.done) return r.value.closest;
    }
  }

  async *get(key: NodeId, options: T.CallOptions = {}): AsyncGenerator<T.GetEvent, T.GetResult, void> {
    throwIfAborted(options.signal);
    assertNodeId(key, "key");
    this.#assertRunning();
    return yield* runGet(this, key, options.signal);
  }

  async getValue(key: NodeId, options: T.CallOptions = {}): Promise<Uint8Array | undefined> {
    const it = this.get(key, options);
    for (;;) {
      const r = await it.next();
      if (r.done) return r.value.found ? r.value.value : undefined;
    }
  }

  async *put(key: NodeId, value: Uint8Array, options: T.PutOptions = {}): AsyncGenerator<T.PutEvent, T.PutResult, void> {
    throwIfAborted(options.signal);
    assertNodeId(key, "key");
    if (!(value instanceof Uint8Array)) throw new PlexusError("ERR_INVALID_ARGUMENT", "value must be a Uint8Array");
    if (value.length > this.config.maxValueBytes) {
      throw new PlexusError("ERR_VALUE_TOO_LARGE", `value over ${this.config.maxValueBytes} bytes`);
    }
    const ttlMs = Math.min(options.ttlMs ?? this.config.defaultTtlMs, this.config.maxTtlMs);
    if (!(ttlMs > 0)) throw new PlexusError("ERR_INVALID_ARGUMENT", "ttlMs must be > 0");
    this.#assertRunning();
    throwIfAborted(options.signal);
    const record = { key: key.slice(), value: value.slice(), ttlMs, publisher: this.id };
    const result = yield* runPut(this, record, options.signal);
    if (options.republish !== false && this.#running) this.#republisher.publish(record);
    return result;
  }

  async putValue(key: NodeId, value: Uint8Array, options: T.PutOptions = {}): Promise<T.PutResult> {
    const it = this.put(key, value, options);
    for (;;) {
      const r = await it.next();
      if (r.done) return r.value;
    }
  }

  async putImmutable(value: Uint8Array, options: T.PutOptions = {}): Promise<T.PutResult> {
    const record = R.immutablePutRecord(this, this.#checkValue(value), this.#ttl(options));
    return this.#putRecord(record, options);
  }

  async getImmutable(key: NodeId, options: T.CallOptions = {}): Promise<Uint8Array | undefined> {
    throwIfAborted(options.signal);
    assertNodeId(key, "key");
    this.#assertRunning();
    return R.getImmutableValue(this, key, options.signal);
  }

  async putMutable(input: R.MutablePutInput, options: T.PutOptions = {}): Promise<R.MutablePutResult> {
    throwIfAborted(options.signal);
    const { record, put } = R.mutablePutRecord(this, input, this.#ttl(options));
    return { ...(await this.#putRecord(put, options)), record };
  }

  async getMutable(publicKey: Uint8Array, options: R.GetMutableOptions = {}): Promise<MutableRecord | undefined> {
    throwIfAborted(options.signal);
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", "publicKey must be 32 bytes");
    }
    this.#assertRunning();
    return R.getMutableRecord(this, publicKey, options.salt, options.signal);
  }

  #checkValue(value: Uint8Array): Uint8Array {
    if (!(value instanceof Uint8Array)) throw new PlexusError("ERR_INVALID_ARGUMENT", "value must be a Uint8Array");
    if (value.length > this.config.maxValueBytes) throw new PlexusError("ERR_VALUE_TOO_LARGE", `value over ${this.config.maxValueBytes} bytes`);
    return value;
  }

  #ttl(options: T.PutOptions): number {
    const ttlMs = Math.min(options.ttlMs ?? this.config.defaultTtlMs, this.config.maxTtlMs);
    if (!(ttlMs > 0)) throw new PlexusError("ERR_INVALID_ARGUMENT", "ttlMs must be > 0");
    return ttlMs;
  }

  /** Puts a verifiable record; republishes it (without `cas`) as its publisher unless told not to. */
  async #putRecord(record: PutRecord, options: T.PutOptions): Promise<T.PutResult> {
    throwIfAborted(options.signal);
    this.#assertRunning();
    const result = await R.putVerified(this, record, options.signal);
    if (options.republish !== false && this.#running) this.#republisher.publish({ ...record, cas: undefined });
    return result;
  }

  unpublish(key: NodeId): boolean {
    return this.#republisher.unpublish(key);
  }

  broadcast(data: Uint8Array, options: T.BroadcastOptions = {}): Promise<T.BroadcastResult> {
    try {
      throwIfAborted(options.signal);
      this.#assertRunning();
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#broadcaster.start(data, options.redundancy ?? this.config.broadcastRedundancy, options.signal);
  }

  // ---- topics and direct messages (realtime/) ----

  subscribe(topic: NodeId, options: T.CallOptions = {}): RT.TopicSubscription {
    return this.#realtime.subscribe(topic, options.signal);
  }

  async publish(topic: NodeId, data: Uint8Array, options: T.CallOptions = {}): Promise<RT.PublishResult> {
    throwIfAborted(options.signal);
    this.#assertRunning();
    return this.#realtime.publish(topic, data, options.signal);
  }

  async send(id: NodeId, data: Uint8Array, options: T.CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    this.#assertRunning();
    return this.#realtime.send(id, data, options.signal);
  }

  async request(id: NodeId, data: Uint8Array, options: T.CallOptions = {}): Promise<Uint8Array> {
    throwIfAborted(options.signal);
    this.#assertRunning();
    return this.#realtime.request(id, data, options.signal);
  }

  handleRequests(handler: RT.RequestHandler | undefined): void {
    this.#realtime.handleRequests(handler);
  }

  stats(): T.NodeStats {
    const c = this.counters;
    return {
      ...c, sent: { ...c.sent }, received: { ...c.received }, ...this.#realtime.stats(),
      rpcInFlight: this.rpc.inFlight, rpcQueued: this.rpc.queued, rttMs: this.rpc.srttMs, rtoMs: this.rpc.timeoutMs,
      tableSize: this.table.size, records: this.store.size,
    };
  }
}
