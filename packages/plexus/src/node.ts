import { EventEmitter } from "node:events";
import type { Address, Contact, RecordStore } from "@plexus/core";
import { PlexusError, assertObject, toHex } from "@plexus/core";
import type { BroadcastResult, NodeIdentity, PlexusNode } from "@plexus/node";
import { createNode, REQUEST_TIMEOUT_MS, safeEmit } from "@plexus/node";
import { createRealtime } from "@plexus/realtime";
import type { Realtime } from "@plexus/realtime";
import type { UdpTransport } from "@plexus/transport-udp";
import { createUdpTransport } from "@plexus/transport-udp";
import { MAX_VALUE_BYTES } from "@plexus/wire";
import { DEFAULT_HOST, DEFAULT_PORT, TABLE_SAVE_INTERVAL_MS } from "./constants.js";
import type { FindRequest } from "./find-request.js";
import { handled, noop } from "./handled.js";
import { hexContact } from "./hex-contact.js";
import { InFlight } from "./in-flight.js";
import type { OperationOptions } from "./in-flight.js";
import { reportFailure } from "./unheard.js";
import type { Observable } from "./unheard.js";
import type { KeyLike } from "./key.js";
import { toKey } from "./key.js";
import { callOptions, normalizeAddress } from "./options.js";
import type { AddressLike } from "./options.js";
import type { NodePersistence } from "./persistence.js";
import { facadeParts } from "./defaults.js";
import { logLifecycle } from "./logging/node-log.js";
import type { StoreRequest } from "./store-request.js";
import type { BroadcastArgs, CallOptions, FacadeStats, NodeEventMap, NodeOptions, PutOptions, StoredItem } from "./types.js";
import { decodeValue } from "./value-codec.js";
import { installRequestHandler, Subscription, toTopicKey } from "./realtime.js";
import { RealtimeCalls } from "./realtime-calls.js";
import { RecordCalls } from "./record-calls.js";
import type { ConnectRequest } from "./seed/connect-request.js";
import { seedContact } from "./seed/contact.js";
import { identityOfName, isNamedId } from "./seed/named-id.js";
import { seedInit } from "./seed/options.js";
import { SeedApi } from "./seed/seed-api.js";
import type { FindArgs, FoundItem, MessageArgs, SeedContact, StoreArgs } from "./seed/types.js";
import type { PublishOutcome, RequestListener, TopicLike } from "./realtime.js";

/**
 * A Plexus node with batteries included: a UDP socket, an in-memory record store and the
 * protocol engine of `@plexus/node`, behind the original library's API (`connect`,
 * `store`, `find`, `broadcast` with events) and a promise API (`put`, `get`, `findNode`,
 * `close`, each taking `{ signal }` last).
 *
 * The constructor does no I/O. Unless `autoListen: false`, the socket binds in a microtask
 * right after construction (so a node that is only constructed still serves others);
 * every call also binds on first use, so nothing needs awaiting first. `await node.ready`
 * (or `node.listen()`) gives the bound address.
 */
export class Node extends EventEmitter<NodeEventMap> implements AsyncDisposable {
  /** The protocol engine, for power users: lookups as async generators, events, counters. */
  readonly engine: PlexusNode;
  /** The realtime layer on the engine (topics, direct messages, request/reply), for power users. */
  readonly realtime: Realtime;
  readonly #transport: UdpTransport;
  readonly #maxValueBytes: number;
  readonly #store: RecordStore;
  /** Set with `dataDir`: identity, routing table and publish list in the LMDB store's meta side. */
  readonly #persistence: NodePersistence | undefined;
  /** Resolves once the identity is durable (with `dataDir`). */
  readonly #identitySaved: Promise<void>;
  #rejoining: Promise<void> | undefined;
  #listening: Promise<Address> | undefined;
  #closing: Promise<void> | undefined;
  #closed = false;
  /** Bound on waiting for a `message` listener's reply(): the requester's own patience (2 attempts). */
  #replyTimeoutMs = 0;
  /** Calls in flight, settled with ERR_STOPPED by `close()`. */
  readonly #inFlight = new InFlight();
  /** The original library's calls (src/seed/). */
  readonly #seed: SeedApi;
  readonly #realtimeCalls: RealtimeCalls;
  readonly #records: RecordCalls;

  /**
   * Builds the node; binds nothing yet (see the class notes).
   * @throws PlexusError `ERR_INVALID_ADDRESS` for a host that is not an IP literal,
   *   `ERR_INVALID_ARGUMENT` (port, tunable), `ERR_INVALID_ID`; `ERR_DATA_DIR_LOCKED`, `ERR_LMDB_MISSING`.
   */
  constructor(options: NodeOptions = {}) {
    super();
    assertObject(options, "options");
    const {
      host = DEFAULT_HOST, port = DEFAULT_PORT, id, autoListen = true, dataDir, identity: given,
      tableSaveIntervalMs = TABLE_SAVE_INTERVAL_MS, logger, ...rest
    } = options;
    const init = seedInit(rest);
    const bind = normalizeAddress({ host, port });
    this.#transport = createUdpTransport({ ...bind, ...(logger ? { logger } : {}) });
    this.#maxValueBytes = init.maxValueBytes ?? MAX_VALUE_BYTES;
    const named = isNamedId(id) && given === undefined ? identityOfName(id) : undefined; // the original's ids
    const forced = id !== undefined && named === undefined;
    const parts = facadeParts({ dataDir, identity: given ?? named, forcedId: forced, maxValueBytes: this.#maxValueBytes });
    this.#store = parts.store;
    this.#persistence = parts.persistence;
    this.#identitySaved = parts.identitySaved;
    const components = {
      transport: this.#transport, clock: parts.clock, store: parts.store,
      ...(parts.identity ? { identity: parts.identity } : {}), ...(parts.persistence ? { state: parts.persistence } : {}),
      ...(logger ? { logger } : {}),
    };
    this.engine = createNode(forced && id !== undefined ? { ...components, id: toKey(id, "id") } : components,
      { verifyIdentities: true, tableSaveIntervalMs, ...init });
    this.engine.on("state:error", (error) => this.#report(error));
    this.engine.on("broadcast", (event) => this.emit("broadcast", decodeValue(event.data), toHex(event.origin)));
    this.engine.on("contact:added", (contact) => this.emit("contact:added", hexContact(contact)));
    this.realtime = createRealtime(this.engine, init);
    this.realtime.on("message", (event) => this.emit("message", decodeValue(event.data), seedContact(event.origin, event.from)));
    this.#replyTimeoutMs = 3 * (init.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    this.#realtimeCalls = new RealtimeCalls(this.realtime, (fn, opts) => this.#op(fn, opts));
    this.#records = new RecordCalls(this.engine, this.#maxValueBytes, (fn, opts) => this.#op(fn, opts));
    this.#seed = new SeedApi({
      engine: this.engine, realtime: this.realtime, maxValueBytes: this.#maxValueBytes, bind,
      run: (fn, opts) => this.#op(fn, opts), report: (error, call) => this.#report(error, call),
      joined: (contacts) => { for (const contact of contacts) safeEmit(this, noop, "connected", contact); this.#joined(); },
    });
    this.onRequest(undefined);
    logLifecycle(this, logger);
    if (autoListen) queueMicrotask(() => this.#autoListen());
  }

  /** This node's 32-byte id. */
  get id(): Uint8Array {
    return this.engine.id;
  }

  /** This node's key pair (its id is SHA-256 of the public key), unless an `id` was forced without one. */
  get identity(): NodeIdentity | undefined {
    return this.engine.identity;
  }

  /** This node's id in hex (the form `broadcast` listeners get as `origin`). */
  get idHex(): string {
    return toHex(this.engine.id);
  }

  /** This node as the original library's contact: hex id, bound (or requested) host and port. */
  get self(): SeedContact {
    return this.#seed.self();
  }

  /** The bound address, or `undefined` before binding and after `close()`. */
  get address(): Address | undefined {
    return this.engine.address;
  }

  /** Binds (if not yet) and resolves to the bound address; same as `listen()`. */
  get ready(): Promise<Address> {
    return this.listen();
  }

  /**
   * Binds the socket and starts maintenance; idempotent (every call shares one attempt).
   * @throws PlexusError `ERR_STOPPED` after `close()`; the socket's error when binding fails.
   */
  listen(): Promise<Address> {
    if (this.#closed) return handled(Promise.reject(new PlexusError("ERR_STOPPED", "node is closed")));
    this.#listening ??= handled((async () => {
      await this.#identitySaved;
      const address = await this.engine.start();
      safeEmit(this, noop, "listening", address); // a throwing listener is rethrown, not a failed listen()
      safeEmit(this, noop, "ready");
      this.#afterStart();
      return address;
    })());
    return this.#listening;
  }

  /**
   * Rejoins through the contacts saved in `dataDir` (no bootstrap node needed); runs by
   * itself after `listen()` when contacts were saved. Emits `connect` on success.
   * @throws PlexusError `ERR_JOIN_FAILED` when none answers; `ERR_INVALID_ARGUMENT` when
   *   nothing was saved (no `dataDir`, or a first start).
   */
  rejoin(options: CallOptions = {}): Promise<void> {
    this.#rejoining ??= handled(this.#op((o) => this.engine.rejoin(o), options)
      .then(() => this.#joined()).finally(() => { this.#rejoining = undefined; }));
    return this.#rejoining;
  }

  /**
   * Joins the network through one or more known nodes, each `{ host, port }` or
   * `"host:port"` (`"[::1]:4000"`). Returns an emitter (`connected` with each bootstrap
   * node's contact, `timeout`) that is also awaitable; it may be ignored: the node emits
   * `connected` and `connect`, or `error` when someone listens. Seed-style calls made
   * meanwhile wait for the join. It completes once the node looked up its own id; the far
   * buckets fill in the background (`joinWaitsForFarBuckets: true` waits for them too).
   * @throws PlexusError (as a rejection) `ERR_JOIN_FAILED` when no bootstrap node answers;
   *   `ERR_INVALID_ADDRESS` for an endpoint that is not an IP literal and a port 1..65535.
   */
  connect(to: AddressLike | readonly AddressLike[], options: CallOptions = {}): ConnectRequest {
    return this.#seed.connect(to, options);
  }

  /**
   * Stores a value (seed-style): returns the item (`key`, `value`, `publisher`,
   * `timestamp`) at once, awaitable for the outcome. `key` defaults to the SHA-256 of the
   * encoded value; `republish: true` keeps it alive while this node runs.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` (synchronously) when the encoded value is
   *   larger than `maxValueBytes`; `ERR_INVALID_ARGUMENT` / `ERR_INVALID_ID` for a bad
   *   value or key. A failure later is a rejection of the item and an `error` event.
   */
  store<V>(args: StoreArgs<V>, options: PutOptions = {}): StoreRequest<V> {
    return this.#seed.store(args, options);
  }

  /**
   * Stores `value` under `key` (or under the SHA-256 of the encoded value when `key` is
   * `undefined`) on the closest nodes; resolves when they answered.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE`, `ERR_INVALID_ARGUMENT`, `ERR_INVALID_ID`.
   */
  put<V>(key: KeyLike | undefined, value: V, options: PutOptions = {}): Promise<StoredItem<V>> {
    return this.#records.put(key, value, options);
  }

  /**
   * Looks an item up (seed-style), or with `type: "node"` a node by id: emits `found` with
   * the item (`key`, `value`, `publisher`, `ttlMs`) or the node's contact, or `timeout`
   * (and `notfound`) when the network does not hold it; also awaitable (the result or
   * `undefined`). A find waits for this node's stores of the same key in flight.
   * @throws PlexusError `ERR_INVALID_ID` (synchronously) for a bad key, `ERR_INVALID_ARGUMENT` for a bad type.
   */
  find<V = unknown>(args: FindArgs & { readonly type?: "item" | "ITEM" | "Item" }, options?: CallOptions): FindRequest<FoundItem<V>>;
  find(args: FindArgs & { readonly type: "node" | "NODE" | "Node" }, options?: CallOptions): FindRequest<SeedContact>;
  find(args: FindArgs, options: CallOptions = {}): FindRequest<FoundItem> | FindRequest<SeedContact> {
    return this.#seed.find(args, options);
  }

  /** The value stored under `key`, decoded, or `undefined` when the network does not hold it. */
  get<V = unknown>(key: KeyLike, options: CallOptions = {}): Promise<V | undefined> {
    return this.#records.get<V>(key, options);
  }

  /**
   * The value this node itself holds under `key` (as a replica or publisher), decoded;
   * no network traffic. With `dataDir` this reads the LMDB store, so it shows what
   * survived a restart.
   * @throws PlexusError `ERR_INVALID_ID` for a bad key.
   */
  getLocal<V = unknown>(key: KeyLike): V | undefined {
    const record = this.#store.get(toKey(key));
    return record === undefined ? undefined : (decodeValue(record.value) as V);
  }

  /**
   * The closest nodes to an id that answered, closest first (the node itself when it is
   * on the network). Accepts the id alone or seed-style `{ id }`.
   */
  findNode(target: KeyLike | { readonly id: KeyLike }, options: CallOptions = {}): Promise<Contact[]> {
    try {
      const id = toKey(typeof target === "object" && target !== null && !(target instanceof Uint8Array) ? target.id : target, "id");
      return this.#op((o) => this.engine.findNode(id, o), options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }

  /**
   * Sends `data` to every node; they get it as a `broadcast` event (this node does not).
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` (synchronously) when the encoded data is
   *   larger than `MAX_BROADCAST_DATA_BYTES` (1024).
   */
  broadcast(args: BroadcastArgs, options: CallOptions = {}): Promise<BroadcastResult> {
    assertObject(args, "broadcast arguments");
    return this.#seed.broadcast(args.data, options);
  }

  /**
   * Sends `message` to node `id` (seed-style; the promise style is `send`): it gets a
   * `message` event with this node as sender. Resolves once acknowledged; a failure is a
   * rejection and an `error` event.
   * @throws PlexusError `ERR_INVALID_ID`, `ERR_VALUE_TOO_LARGE` (synchronously); as a
   *   rejection `ERR_UNREACHABLE`, `ERR_RPC_TIMEOUT`, `ERR_TIMEOUT`.
   */
  message(args: MessageArgs, options: CallOptions = {}): Promise<void> {
    return this.#seed.message(args, options);
  }

  /**
   * Iterates the publications to `topic` (a name, hashed with domain separation, or a
   * 32-byte key) from the moment the registration lands (`await sub.ready`). Breaking out
   * or aborting `signal` unsubscribes. Every id is yielded at most once; no ordering.
   * @throws PlexusError `ERR_INVALID_ID` (synchronously) for a bad topic.
   */
  subscribe(topic: TopicLike, options: CallOptions = {}): Subscription {
    const key = toTopicKey(topic);
    const op = this.#inFlight.open(callOptions(options).signal);
    const opened = this.listen().then(() => this.realtime.subscribe(key, { signal: op.signal }));
    return new Subscription(topic, opened, op);
  }

  /**
   * Publishes `data` (encoded like broadcast data, at most 1024 bytes) to the current
   * subscribers of `topic`, this node's own subscriptions included.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE`, `ERR_NO_CONTACTS`, `ERR_UNREACHABLE` (no
   *   rendezvous node accepted), `ERR_TIMEOUT` (past `directTimeoutMs`, 10 s).
   */
  publish(topic: TopicLike, data: unknown, options: CallOptions = {}): Promise<PublishOutcome> {
    return this.#realtimeCalls.publish(topic, data, options);
  }

  /**
   * Sends `data` to node `nodeId` (32 bytes or 64 hex); resolves once it acknowledged. It
   * gets a `message` event.
   * @throws PlexusError `ERR_UNREACHABLE` (not found), `ERR_RPC_TIMEOUT` (no answer),
   *   `ERR_TIMEOUT` (past `directTimeoutMs`, 10 s), `ERR_VALUE_TOO_LARGE`.
   */
  send(nodeId: KeyLike, data: unknown, options: CallOptions = {}): Promise<void> {
    return this.#realtimeCalls.send(nodeId, data, options);
  }

  /**
   * Sends `data` to node `nodeId`'s request handler (`onRequest`, or a `message` listener
   * calling `reply`) and resolves to its reply, decoded.
   * @throws PlexusError like `send`, and `ERR_REMOTE` when it has no handler or it failed.
   */
  request(nodeId: KeyLike, data: unknown, options: CallOptions = {}): Promise<unknown> {
    return this.#realtimeCalls.request(nodeId, data, options);
  }

  /**
   * Sets (or with `undefined` clears) the handler answering `request()`s: it gets the
   * decoded data and the requester's 32-byte id and returns (or resolves to) the reply value.
   * Without one, `message` listeners get requests with a `reply` function.
   */
  onRequest(handler: RequestListener | undefined): void {
    const emit = (data: unknown, from: SeedContact, reply: (value: unknown) => void): boolean =>
      this.listenerCount("message") > 0 && this.emit("message", data, from, reply);
    installRequestHandler(this.realtime, handler, emit, this.#replyTimeoutMs);
  }

  /** A snapshot of the engine's counters, with the socket's under `transport`. */
  stats(): FacadeStats {
    return { ...this.engine.stats(), ...this.realtime.stats(), transport: this.#transport.stats() };
  }

  /** Cancels requests, stops timers and releases the socket; idempotent. Emits `close`. */
  close(): Promise<void> {
    this.#closed = true;
    this.#inFlight.stop(); // every call in flight rejects with ERR_STOPPED now
    this.#closing ??= handled((async () => {
      await this.#listening?.catch(() => undefined);
      await this.engine.stop(); // saves the table first, with a dataDir
      await this.#persistence?.close(); // the store, then the data dir's lock
      safeEmit(this, noop, "close");
    })());
    return this.#closing;
  }

  /** Calls `close()` (`await using node = new Node(...)`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #autoListen(): void {
    if (this.#closed || this.#listening !== undefined) return;
    this.listen().catch((error: unknown) => this.#report(error));
  }

  /** Runs `fn` once bound (see `InFlight.call`): settled with ERR_STOPPED by `close()`. */
  #op<T>(fn: (options: OperationOptions) => Promise<T>, options: PutOptions | undefined): Promise<T> {
    return this.#inFlight.call(options, async (o) => {
      await this.listen();
      o.signal.throwIfAborted();
      return fn(o);
    });
  }

  /** After a join: the `connect` event (the engine saves the table and re-puts saved items). */
  #joined(): void {
    safeEmit(this, noop, "connect");
  }

  /** With `dataDir`: rejoins through the contacts saved by the last run. */
  #afterStart(): void {
    if (this.#persistence && this.#persistence.contacts().length > 0) this.rejoin().catch((error: unknown) => this.#report(error));
  }

  #report(error: unknown, call?: Observable): void {
    reportFailure(this, error, this.#closed, call);
  }
}
