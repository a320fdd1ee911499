import { EventEmitter } from "node:events";
import type { Address, Contact } from "@plexus/core";
import { PlexusError, toHex } from "@plexus/core";
import type { BroadcastResult, PlexusNode } from "@plexus/node";
import { createNode, systemClock } from "@plexus/node";
import { createMemoryStore } from "@plexus/storage";
import type { UdpTransport } from "@plexus/transport-udp";
import { createUdpTransport } from "@plexus/transport-udp";
import { MAX_BROADCAST_DATA_BYTES, MAX_VALUE_BYTES } from "@plexus/wire";
import { DEFAULT_HOST, DEFAULT_PORT } from "./constants.js";
import { FindRequest } from "./find-request.js";
import { handled } from "./handled.js";
import type { KeyLike } from "./key.js";
import { keyOfEncoded, toKey } from "./key.js";
import { callOptions, normalizeAddress, normalizeAddresses } from "./options.js";
import { StoreRequest } from "./store-request.js";
import type {
  BroadcastArgs, CallOptions, FacadeStats, FindArgs, NodeEventMap, NodeOptions, PutOptions, StoreArgs,
  StoredItem,
} from "./types.js";
import { decodeValue, encodeValue } from "./value-codec.js";

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
  readonly #transport: UdpTransport;
  readonly #maxValueBytes: number;
  #listening: Promise<Address> | undefined;
  #closing: Promise<void> | undefined;
  #closed = false;

  /**
   * Builds the node; binds nothing yet (see the class notes).
   * @throws PlexusError `ERR_INVALID_ADDRESS` for a host that is not an IP literal,
   *   `ERR_INVALID_ARGUMENT` for a bad port or tunable, `ERR_INVALID_ID` for a bad id.
   */
  constructor(options: NodeOptions = {}) {
    super();
    const { host = DEFAULT_HOST, port = DEFAULT_PORT, id, autoListen = true, ...init } = options;
    this.#transport = createUdpTransport(normalizeAddress({ host, port }));
    this.#maxValueBytes = init.maxValueBytes ?? MAX_VALUE_BYTES;
    const store = createMemoryStore({ clock: systemClock, maxValueBytes: this.#maxValueBytes });
    const components = { transport: this.#transport, clock: systemClock, store };
    this.engine = createNode(id === undefined ? components : { ...components, id: toKey(id, "id") }, init);
    this.engine.on("broadcast", (event) => this.emit("broadcast", decodeValue(event.data), toHex(event.origin)));
    this.engine.on("contact:added", (contact) => this.emit("contact:added", contact));
    if (autoListen) queueMicrotask(() => this.#autoListen());
  }

  /** This node's 32-byte id. */
  get id(): Uint8Array {
    return this.engine.id;
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
    this.#listening ??= handled(this.engine.start().then((address) => {
      this.emit("listening", address);
      return address;
    }));
    return this.#listening;
  }

  /**
   * Joins the network through one or more known nodes. The promise may be ignored: the
   * outcome is also the `connect` event, or an `error` event when someone listens.
   * @throws PlexusError `ERR_JOIN_FAILED` when no bootstrap node answers.
   */
  connect(to: Address | readonly Address[], options: CallOptions = {}): Promise<void> {
    const joined = this.#op(() => this.engine.join(normalizeAddresses(to), callOptions(options)), options.signal);
    joined.then(() => this.emit("connect"), (error: unknown) => this.#report(error));
    return joined;
  }

  /**
   * Stores a value (seed-style): returns the item at once, awaitable for the outcome.
   * `key` defaults to the SHA-256 of the encoded value.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` (synchronously) when the encoded value is
   *   larger than `maxValueBytes`; `ERR_INVALID_ARGUMENT` / `ERR_INVALID_ID` for a bad
   *   value or key. A failure later is a rejection of the item and an `error` event.
   */
  store<V>(args: StoreArgs<V>, options: PutOptions = {}): StoreRequest<V> {
    const { key, encoded } = this.#prepare(args.key, args.value);
    const result = this.#op(() => this.#put(key, args.value, encoded, options), options.signal);
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
      const prepared = this.#prepare(key, value);
      return this.#op(() => this.#put(prepared.key, value, prepared.encoded, options), options.signal);
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
    const key = toKey(args.key);
    return new FindRequest<V>(key, this.#op(() => this.#get<V>(key, options), options.signal));
  }

  /** The value stored under `key`, decoded, or `undefined` when the network does not hold it. */
  get<V = unknown>(key: KeyLike, options: CallOptions = {}): Promise<V | undefined> {
    try {
      const bytes = toKey(key);
      return this.#op(() => this.#get<V>(bytes, options), options.signal);
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }

  /**
   * The closest nodes to an id that answered, closest first (the node itself when it is
   * on the network). Accepts the id alone or seed-style `{ id }`.
   */
  findNode(target: KeyLike | { readonly id: KeyLike }, options: CallOptions = {}): Promise<Contact[]> {
    try {
      const id = toKey(typeof target === "object" && !(target instanceof Uint8Array) ? target.id : target, "id");
      return this.#op(() => this.engine.findNode(id, callOptions(options)), options.signal);
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
    const data = encodeValue(args.data);
    if (data.length > MAX_BROADCAST_DATA_BYTES) {
      throw new PlexusError("ERR_VALUE_TOO_LARGE",
        `broadcast data encodes to ${data.length} bytes, more than ${MAX_BROADCAST_DATA_BYTES}`);
    }
    const sent = this.#op(() => this.engine.broadcast(data, callOptions(options)), options.signal);
    sent.catch((error: unknown) => this.#report(error));
    return sent;
  }

  /** A snapshot of the engine's counters, with the socket's under `transport`. */
  stats(): FacadeStats {
    return { ...this.engine.stats(), transport: this.#transport.stats() };
  }

  /** Cancels requests, stops timers and releases the socket; idempotent. Emits `close`. */
  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= handled((async () => {
      await this.#listening?.catch(() => undefined);
      await this.engine.stop();
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

  /** Runs `fn` once bound, unless `signal` aborted first; the returned promise is marked handled. */
  #op<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return handled(this.listen().then(() => {
      signal?.throwIfAborted();
      return fn();
    }));
  }

  #prepare(key: KeyLike | undefined, value: unknown): { key: Uint8Array; encoded: Uint8Array } {
    const encoded = encodeValue(value);
    if (encoded.length > this.#maxValueBytes) {
      throw new PlexusError("ERR_VALUE_TOO_LARGE",
        `value encodes to ${encoded.length} bytes, more than ${this.#maxValueBytes}`);
    }
    return { key: key === undefined ? keyOfEncoded(encoded) : toKey(key), encoded };
  }

  async #put<V>(key: Uint8Array, value: V, encoded: Uint8Array, options: PutOptions): Promise<StoredItem<V>> {
    const result = await this.engine.putValue(key, encoded, callOptions(options));
    return { key, value, stored: result.stored, failed: result.failed, local: result.local };
  }

  async #get<V>(key: Uint8Array, options: CallOptions): Promise<V | undefined> {
    const bytes = await this.engine.getValue(key, callOptions(options));
    return bytes === undefined ? undefined : (decodeValue(bytes) as V);
  }

  #report(error: unknown): void {
    if (this.listenerCount("error") > 0) this.emit("error", asError(error));
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
