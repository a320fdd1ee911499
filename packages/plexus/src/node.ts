import { EventEmitter } from "node:events";
import type { Address, Contact, RecordStore } from "@plexus/core";
import { PlexusError, assertCallOptions, assertObject, toHex } from "@plexus/core";
import type { BroadcastResult, NodeIdentity, PlexusNode } from "@plexus/node";
import { createNode, REQUEST_TIMEOUT_MS } from "@plexus/node";
import { createRealtime } from "@plexus/realtime";
import type { Realtime } from "@plexus/realtime";
import type { UdpTransport } from "@plexus/transport-udp";
import { createUdpTransport } from "@plexus/transport-udp";
import { MAX_BROADCAST_DATA_BYTES, MAX_VALUE_BYTES } from "@plexus/wire";
import { DEFAULT_HOST, DEFAULT_PORT, TABLE_SAVE_INTERVAL_MS } from "./constants.js";
import { FindRequest } from "./find-request.js";
import { asError, handled } from "./handled.js";
import type { KeyLike } from "./key.js";
import { prepareItem, toKey } from "./key.js";
import { callOptions, normalizeAddress, parseAddresses } from "./options.js";
import type { AddressLike } from "./options.js";
import type { NodePersistence } from "./persistence.js";
import { facadeParts } from "./defaults.js";
import { logLifecycle } from "./logging/node-log.js";
import { StoreRequest } from "./store-request.js";
import type {
  BroadcastArgs, CallOptions, FacadeStats, FindArgs, NodeEventMap, NodeOptions, PutOptions, StoreArgs,
  StoredItem,
} from "./types.js";
import { decodeValue, encodeValue } from "./value-codec.js";
import { encodeData, installRequestHandler, Subscription, toNodeId, toTopicKey } from "./realtime.js";
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

  /**
   * Builds the node; binds nothing yet (see the class notes).
   * @throws PlexusError `ERR_INVALID_ADDRESS` for a host that is not an IP literal,
   *   `ERR_INVALID_ARGUMENT` for a bad port or tunable, `ERR_INVALID_ID` for a bad id.
   */
  constructor(options: NodeOptions = {}) {
    super();
    assertObject(options, "options");
    const {
      host = DEFAULT_HOST, port = DEFAULT_PORT, id, autoListen = true, dataDir, identity: given,
      tableSaveIntervalMs = TABLE_SAVE_INTERVAL_MS, logger, ...init
    } = options;
    this.#transport = createUdpTransport({ ...normalizeAddress({ host, port }), ...(logger ? { logger } : {}) });
    this.#maxValueBytes = init.maxValueBytes ?? MAX_VALUE_BYTES;
    const parts = facadeParts({ dataDir, identity: given, forcedId: id !== undefined, maxValueBytes: this.#maxValueBytes });
    this.#store = parts.store;
    this.#persistence = parts.persistence;
    this.#identitySaved = parts.identitySaved;
    const components = {
      transport: this.#transport, clock: parts.clock, store: parts.store,
      ...(parts.identity ? { identity: parts.identity } : {}), ...(parts.persistence ? { state: parts.persistence } : {}),
      ...(logger ? { logger } : {}),
    };
    this.engine = createNode(id === undefined ? components : { ...components, id: toKey(id, "id") },
      { verifyIdentities: true, tableSaveIntervalMs, ...init });
    this.engine.on("state:error", (error) => this.#report(error));
    this.engine.on("broadcast", (event) => this.emit("broadcast", decodeValue(event.data), toHex(event.origin)));
    this.engine.on("contact:added", (contact) => this.emit("contact:added", contact));
    this.realtime = createRealtime(this.engine, init);
    this.realtime.on("message", (event) => this.emit("message", decodeValue(event.data), toHex(event.origin)));
    this.#replyTimeoutMs = 3 * (init.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
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
      this.emit("listening", address);
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
    this.#rejoining ??= handled(this.#op(() => this.engine.rejoin(callOptions(options)), options)
      .then(() => this.#joined()).finally(() => { this.#rejoining = undefined; }));
    return this.#rejoining;
  }

  /**
   * Joins the network through one or more known nodes, each `{ host, port }` or
   * `"host:port"` (`"[::1]:4000"`). The promise may be ignored: the outcome is also the
   * `connect` event, or an `error` event when someone listens.
   * @throws PlexusError `ERR_JOIN_FAILED` when no bootstrap node answers;
   *   `ERR_INVALID_ADDRESS` for an endpoint that is not an IP literal and a port 1..65535.
   */
  connect(to: AddressLike | readonly AddressLike[], options: CallOptions = {}): Promise<void> {
    const joined = this.#op(() => this.engine.join(parseAddresses(to), callOptions(options)), options)
      .then(() => this.#joined());
    joined.catch((error: unknown) => this.#report(error));
    return handled(joined);
  }

  /**
   * Stores a value (seed-style): returns the item at once, awaitable for the outcome.
   * `key` defaults to the SHA-256 of the encoded value.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` (synchronously) when the encoded value is
   *   larger than `maxValueBytes`; `ERR_INVALID_ARGUMENT` / `ERR_INVALID_ID` for a bad
   *   value or key. A failure later is a rejection of the item and an `error` event.
   */
  store<V>(args: StoreArgs<V>, options: PutOptions = {}): StoreRequest<V> {
    assertObject(args, "store arguments");
    const { key, encoded } = prepareItem(args.key, args.value, this.#maxValueBytes);
    const result = this.#op(() => this.#put(key, args.value, encoded, options), options);
    result.catch((error: unknown) => this.#report(error));
    return new StoreRequest(key, args.value, result);
  }

  /**
   * Stores `value` under `key` (or under the SHA-256 of the encoded value when `key` is
   * `undefined`) on the closest nodes; resolves when they answered.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE`, `ERR_INVALID_ARGUMENT`, `ERR_INVALID_ID`.
   */
  put<V>(key: KeyLike | undefined, value: V, options: PutOptions = {}): Promise<StoredItem<V>> {
    try {
      const prepared = prepareItem(key, value, this.#maxValueBytes);
      return this.#op(() => this.#put(prepared.key, value, prepared.encoded, options), options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }

  /**
   * Looks a key up (seed-style): emits `found` with the item, or `timeout` (and
   * `notfound`) when the network does not hold it; also awaitable (item or `undefined`).
   * @throws PlexusError `ERR_INVALID_ID` (synchronously) for a bad key.
   */
  find<V = unknown>(args: FindArgs, options: CallOptions = {}): FindRequest<V> {
    assertObject(args, "find arguments");
    const key = toKey(args.key);
    return new FindRequest<V>(key, this.#op(() => this.#get<V>(key, options), options));
  }

  /** The value stored under `key`, decoded, or `undefined` when the network does not hold it. */
  get<V = unknown>(key: KeyLike, options: CallOptions = {}): Promise<V | undefined> {
    try {
      const bytes = toKey(key);
      return this.#op(() => this.#get<V>(bytes, options), options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
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
      return this.#op(() => this.engine.findNode(id, callOptions(options)), options);
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
    const data = encodeValue(args.data);
    if (data.length > MAX_BROADCAST_DATA_BYTES) {
      throw new PlexusError("ERR_VALUE_TOO_LARGE",
        `broadcast data encodes to ${data.length} bytes, more than ${MAX_BROADCAST_DATA_BYTES}`);
    }
    const sent = this.#op(() => this.engine.broadcast(data, callOptions(options)), options);
    sent.catch((error: unknown) => this.#report(error));
    return sent;
  }

  /**
   * Iterates the publications to `topic` (a name, hashed with domain separation, or a
   * 32-byte key) from the moment the registration lands (`await sub.ready`). Breaking out
   * or aborting `signal` unsubscribes. Every id is yielded at most once; no ordering.
   * @throws PlexusError `ERR_INVALID_ID` (synchronously) for a bad topic.
   */
  subscribe(topic: TopicLike, options: CallOptions = {}): Subscription {
    const key = toTopicKey(topic);
    const opened = this.listen().then(() => this.realtime.subscribe(key, callOptions(options)));
    return new Subscription(topic, opened);
  }

  /**
   * Publishes `data` (encoded like broadcast data, at most 1024 bytes) to the current
   * subscribers of `topic`, this node's own subscriptions included.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE`, `ERR_NO_CONTACTS`, `ERR_UNREACHABLE` (no
   *   rendezvous node accepted), `ERR_TIMEOUT` (past `directTimeoutMs`, 10 s).
   */
  publish(topic: TopicLike, data: unknown, options: CallOptions = {}): Promise<PublishOutcome> {
    try {
      const key = toTopicKey(topic);
      const bytes = encodeData(data);
      return this.#op(async () => {
        const r = await this.realtime.publish(key, bytes, callOptions(options));
        return { delivered: r.rendezvous, subscribers: r.subscribers, id: toHex(r.id) };
      }, options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }

  /**
   * Sends `data` to node `nodeId` (32 bytes or 64 hex); resolves once it acknowledged. It
   * gets a `message` event.
   * @throws PlexusError `ERR_UNREACHABLE` (not found), `ERR_RPC_TIMEOUT` (no answer),
   *   `ERR_TIMEOUT` (past `directTimeoutMs`, 10 s), `ERR_VALUE_TOO_LARGE`.
   */
  send(nodeId: KeyLike, data: unknown, options: CallOptions = {}): Promise<void> {
    try {
      const id = toNodeId(nodeId);
      const bytes = encodeData(data);
      return this.#op(() => this.realtime.send(id, bytes, callOptions(options)), options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }

  /**
   * Sends `data` to node `nodeId`'s request handler (`onRequest`, or a `message` listener
   * calling `reply`) and resolves to its reply, decoded.
   * @throws PlexusError like `send`, and `ERR_REMOTE` when it has no handler or it failed.
   */
  request(nodeId: KeyLike, data: unknown, options: CallOptions = {}): Promise<unknown> {
    try {
      const id = toNodeId(nodeId);
      const bytes = encodeData(data);
      return this.#op(async () => decodeValue(await this.realtime.request(id, bytes, callOptions(options))), options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }

  /**
   * Sets (or with `undefined` clears) the handler answering `request()`s: it gets the
   * decoded data and the requester's hex id and returns (or resolves to) the reply value.
   * Without one, `message` listeners get requests with a `reply` function.
   */
  onRequest(handler: RequestListener | undefined): void {
    const emit = (data: unknown, from: string, reply: (value: unknown) => void): boolean =>
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
    this.#closing ??= handled((async () => {
      await this.#listening?.catch(() => undefined);
      await this.engine.stop(); // saves the table first, with a dataDir
      await this.#persistence?.store.close();
      this.emit("close");
    })());
    return this.#closing;
  }

  /** Calls `close()` (`await using node = new Node(...)`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #autoListen(): void {
    if (this.#closed || this.#listening !== undefined) return;
    this.listen().catch((error: unknown) => {
      if (this.listenerCount("error") > 0) this.emit("error", asError(error));
      else process.emitWarning(`plexus: node failed to bind: ${String(error)}`);
    });
  }

  /**
   * Runs `fn` once bound, unless `options` are malformed (ERR_INVALID_ARGUMENT) or their
   * signal aborted first; the returned promise is marked handled.
   */
  #op<T>(fn: () => Promise<T>, options: CallOptions | undefined): Promise<T> {
    try {
      assertCallOptions(options);
    } catch (error) {
      return handled(Promise.reject(error));
    }
    const signal = options?.signal;
    return handled(this.listen().then(() => {
      signal?.throwIfAborted();
      return fn();
    }));
  }

  async #put<V>(key: Uint8Array, value: V, encoded: Uint8Array, options: PutOptions): Promise<StoredItem<V>> {
    // With a dataDir the engine saves the item before this resolves (its publisher duty survives restarts).
    const result = await this.engine.putValue(key, encoded, callOptions(options));
    return { key, value, stored: result.stored, failed: result.failed, local: result.local };
  }

  async #get<V>(key: Uint8Array, options: CallOptions): Promise<V | undefined> {
    const bytes = await this.engine.getValue(key, callOptions(options));
    return bytes === undefined ? undefined : (decodeValue(bytes) as V);
  }

  /** After a join: the `connect` event (the engine saves the table and re-puts saved items). */
  #joined(): void {
    this.emit("connect");
  }

  /** With `dataDir`: rejoins through the contacts saved by the last run. */
  #afterStart(): void {
    if (this.#persistence && this.#persistence.contacts().length > 0) this.rejoin().catch((error: unknown) => this.#report(error));
  }

  #report(error: unknown): void {
    if (this.listenerCount("error") > 0) this.emit("error", asError(error));
  }
}
