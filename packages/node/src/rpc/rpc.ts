import { PlexusError, addressKey, sameAddress, silentLog } from "@plexus/core";
import type { Address, Clock, Log, NodeId, Random, Transport } from "@plexus/core";
import type { KademliaResponseMessage as ResponseMessage, WireMessage } from "@plexus/wire";
import { ProtocolErrorCode } from "@plexus/wire";
import { RpcTimeoutError, abortReason } from "../api/errors.js";
import type { Counters } from "../stats/counters.js";
import type { Histogram } from "../stats/histogram.js";
import { countOne } from "../stats/counters.js";
import { AddressTokens } from "./address-tokens.js";
import { NO_ERROR, NO_REPLY } from "./pending.js";
import type { OnRpcError, OnRpcReply, Pending, RpcCall } from "./pending.js";
import { badReply } from "./reply-check.js";
import { RequestQueue } from "./request-queue.js";
import { RidTable } from "./rid-table.js";
import { RttEstimate } from "./rtt-estimate.js";
import { Unresponsive } from "./unresponsive.js";
import { MAX_UNRESPONSIVE, UNRESPONSIVE_MS } from "../config/constants.js";
import { SignalGroups } from "./signal-groups.js";
import type { MessageEncoder, OutgoingMessage, RequestBody, RpcOptions, RpcReply } from "./types.js";

export type { ExtensionBody, MessageEncoder, OutgoingMessage, RequestBody, RpcOptions, RpcReply } from "./types.js";
export type { OnRpcError, OnRpcReply, RpcCall } from "./pending.js";

/** Hooks the node uses for routing-table admission and failure counting. */
export interface RpcHooks {
  /** A reply to one of our requests arrived from the address we sent to. */
  onReply(message: ResponseMessage, from: Address): void;
  /** A request to `to` (expected to be node `id`, if known) timed out after its retries. */
  onFailure(to: Address, id: NodeId | undefined): void;
}

/** Settings of {@link Rpc}. */
export interface RpcConfig {
  readonly self: NodeId;
  readonly transport: Transport;
  readonly codec: MessageEncoder;
  readonly clock: Clock;
  readonly random: Random;
  readonly counters: Counters;
  readonly hooks: RpcHooks;
  /** Per-attempt timeout before any RTT sample, and the cap of the adaptive one. */
  readonly timeoutMs: number;
  /**
   * Floor of the adaptive timeout (RTO); `undefined` or >= `timeoutMs` means a fixed
   * `timeoutMs`.
   */
  readonly minTimeoutMs?: number | undefined;
  readonly maxInFlight: number;
  readonly maxQueued: number;
  /**
   * How long requests to an address that timed out fail at once without a datagram (until it
   * sends anything); 0 turns it off. @default UNRESPONSIVE_MS (30 s)
   */
  readonly unresponsiveMs?: number;
  /** Loopback peers give no address tokens (NodeInit.exemptLoopback). @default true */
  readonly exemptLoopback?: boolean;
  /** `plexus:rpc`: final timeouts and retries with a token. @default silent */
  readonly log?: Log | undefined;
  /** Records the round-trip time of every request answered at its first attempt. @default none */
  readonly rtt?: Histogram | undefined;
  /**
   * Whether this node is a client now: its PING, FIND_NODE and FIND_VALUE then say so (key 10,
   * docs/protocol.md 10.8), so that no receiver admits it to its table. @default never
   */
  readonly client?: (() => boolean) | undefined;
  /**
   * This node's address in the other IP family than `to`'s, when it is dual-stack: its PING,
   * FIND_NODE and FIND_VALUE carry it (key 19, docs/protocol.md 10.11). @default none
   */
  readonly alt?: ((to: Address) => Address | undefined) | undefined;
}


const UINT32 = 2 ** 32;
/** Request types that carry an address token themselves (docs/protocol.md 10.6); others prove the address with a PING first. */
const TOKEN_TYPES: ReadonlySet<string> = new Set(["PING", "FIND_NODE", "FIND_VALUE"]);

/**
 * Request/response correlation over a datagram transport: a random uint32 request id per
 * request, matched on reply by rid AND source address (a reply from elsewhere is counted and
 * dropped), timeouts and retries on the injected Clock, and a cap on requests in flight with
 * a bounded FIFO queue behind it.
 */
export class Rpc {
  readonly #c: RpcConfig;
  readonly #log: Log;
  /** Bound: `maxInFlight` entries. */
  readonly #pending = new RidTable<Pending>();
  /** This node's own requests waiting for a slot. Bound: `maxQueued` waiting. */
  readonly #queue = new RequestQueue<Pending>();
  /** Requests on behalf of others waiting for a slot. Bound: `maxQueued / 4` waiting. */
  readonly #onBehalfQueue = new RequestQueue<Pending>();
  /** Requests on behalf of others in flight (at most `maxInFlight / 4`). */
  #onBehalfInFlight = 0;
  readonly #rtt = new RttEstimate();
  readonly #unresponsive: Unresponsive;
  /** Address tokens other nodes gave this node, presented in requests to them (docs/protocol.md 10.6). */
  readonly #tokens: AddressTokens;
  /** Unfinished requests by caller signal, one abort listener per signal. */
  readonly #bySignal = new SignalGroups<Pending>((p) => this.#abort(p));

  constructor(config: RpcConfig) {
    this.#c = config;
    this.#log = config.log ?? silentLog;
    this.#unresponsive = new Unresponsive(config.clock, config.unresponsiveMs ?? UNRESPONSIVE_MS, MAX_UNRESPONSIVE);
    this.#tokens = new AddressTokens(config.clock, config.exemptLoopback);
  }

  /** Something arrived from `from` (a request): a request there is worth sending again. */
  heardFrom(from: Address): void {
    this.#unresponsive.heardFrom(from);
  }

  /** Requests awaiting a reply. */
  get inFlight(): number {
    return this.#pending.size;
  }

  /** Requests waiting for an in-flight slot. */
  get queued(): number {
    return this.#queue.size + this.#onBehalfQueue.size;
  }

  /** Smoothed round-trip time (RFC 6298 style, retried requests excluded), 0 before any reply. */
  get srttMs(): number {
    return this.#rtt.srttMs;
  }

  /**
   * The per-attempt timeout a request gets now: the RTO of {@link RttEstimate}, clamped to
   * [`minTimeoutMs`, `timeoutMs`]; retries double it per request. A dead contact then costs a
   * lookup or join ~one RTO, not a second.
   */
  get timeoutMs(): number {
    return this.#rtt.timeoutMs(this.#c.minTimeoutMs, this.#c.timeoutMs);
  }

  /**
   * Sends `body` to `to` and resolves with the reply.
   * @throws RpcTimeoutError `ERR_RPC_TIMEOUT` when every attempt timed out.
   * @throws PlexusError `ERR_TOO_MANY_REQUESTS` when the queue is full.
   */
  request<M extends WireMessage = ResponseMessage>(to: Address, body: RequestBody, expectId?: NodeId,
    options: RpcOptions = {}): Promise<RpcReply<M>> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<RpcReply<M>>((resolve, reject) => {
      // The codec decoded the reply as one of its types; the caller names which it expects.
      this.call(to, body, expectId, options, (message, from) => resolve({ message: message as unknown as M, from }), reject);
    });
  }

  /**
   * {@link request} without a promise, for hot paths (a lookup sends ~25 of them): exactly
   * one of `onReply` / `onError` runs later (never synchronously, except `onError` for a
   * full queue, an already aborted signal or an unencodable body), unless the call is
   * cancelled first with {@link cancel}.
   */
  call<C>(to: Address, body: RequestBody, expectId: NodeId | undefined, options: RpcOptions,
    onReply: OnRpcReply<C>, onError: OnRpcError<C>, context?: C): RpcCall | undefined {
    const { signal } = options;
    if (signal?.aborted) {
      onError(abortReason(signal), context as C);
      return undefined;
    }
    const p: Pending = {
      to, body, expectId, signal, resolve: onReply as OnRpcReply, reject: onError as OnRpcError, context,
      rid: 0, message: undefined, sentAt: 0, cancelTimer: undefined, state: 0, retried: false, tokenRetried: false,
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      retriesLeft: options.retries ?? 0,
      backoff: options.backoff ?? true,
      onBehalf: options.onBehalf === true, through: options.through === true,
    };
    const queue = p.onBehalf ? this.#onBehalfQueue : this.#queue;
    const maxQueued = p.onBehalf ? this.#c.maxQueued >> 2 : this.#c.maxQueued;
    if (this.#hasSlot(p.onBehalf) && queue.size === 0) {
      this.#launch(p);
    } else if (queue.size < maxQueued) {
      queue.push(p);
    } else {
      if (p.onBehalf) this.#c.counters.rpcShed++;
      else this.#c.counters.rpcRejected++;
      onError(new PlexusError("ERR_TOO_MANY_REQUESTS", `more than ${maxQueued} requests queued`), context as C);
      return undefined;
    }
    if (p.state === 2) return undefined;
    if (signal) this.#bySignal.add(signal, p);
    return p;
  }

  /** Forgets `call` (no callback runs); a no-op once it has finished. */
  cancel(call: RpcCall): void {
    const p = call as Pending;
    if (p.state !== 2) this.#finish(p);
  }

  /** Routes a reply to its pending request; anything else is counted and dropped. */
  handleResponse(message: ResponseMessage, from: Address): void {
    const p = this.#pending.get(message.rid);
    if (!p) {
      this.#c.counters.unmatched++;
      return;
    }
    if (!sameAddress(p.to, from)) {
      this.#c.counters.wrongSource++;
      return;
    }
    const token = (message as { readonly token?: Uint8Array }).token;
    if (token !== undefined) {
      this.#tokens.remember(from, token);
      if (message.type === "ERROR" && message.code === ProtocolErrorCode.RETRY_WITH_TOKEN && this.#retryWithToken(p, token)) {
        this.#c.hooks.onReply(message, from); // it echoed our rid: its address is proven
        return;
      }
    }
    const bad = badReply(p.body.type, p.expectId, message);
    if (bad !== undefined) { // fails now and counts against that contact (see badReply)
      this.#c.counters.badReplies++;
      const reject = p.reject, context = p.context;
      this.#finish(p);
      this.#c.hooks.onFailure(p.to, p.expectId);
      reject(bad, context);
      return;
    }
    if (!p.retried && !p.through) { // Karn: a retried request's RTT is ambiguous; a relayed one spans two hops
      const rtt = this.#c.clock.now() - p.sentAt;
      this.#rtt.sample(rtt);
      this.#c.rtt?.record(rtt);
    }
    const resolve = p.resolve, context = p.context;
    this.#finish(p);
    this.#c.hooks.onReply(message, from);
    resolve(message, from, context);
  }

  /** Rejects every queued and pending request with `reason` (on stop). */
  cancelAll(reason: unknown): void {
    const all = [...this.#pending.values(), ...this.#queue.drain(), ...this.#onBehalfQueue.drain()];
    for (const p of all) {
      if (p.state === 2) continue;
      this.#fail(p, reason, false);
    }
  }

  #uniqueRid(): number {
    for (;;) {
      const rid = this.#c.random.int(UINT32);
      if (!this.#pending.has(rid)) return rid;
    }
  }

  #launch(p: Pending): void {
    p.rid = this.#uniqueRid();
    // Header first, then the body's fields: one object shape per request type.
    let message = Object.assign({ rid: p.rid, sender: this.#c.self }, p.body) as OutgoingMessage;
    const token = TOKEN_TYPES.has(p.body.type) && !("token" in p.body) ? this.#tokens.get(p.to) : undefined;
    if (token !== undefined) message = { ...message, token } as OutgoingMessage;
    if (TOKEN_TYPES.has(p.body.type)) message = this.#flagged(message, p.to);
    let bytes: Uint8Array;
    try {
      bytes = this.#c.codec.encode(message);
    } catch (err) {
      this.#c.counters.encodeErrors++;
      this.#fail(p, new PlexusError("ERR_INVALID_ARGUMENT", `cannot encode ${message.type}`, { cause: err }), false);
      return;
    }
    p.state = 1;
    p.message = message;
    this.#pending.set(p.rid, p);
    if (p.onBehalf) this.#onBehalfInFlight++;
    if (this.#unresponsive.has(p.to)) { // fails as a timeout, with no datagram (see Unresponsive)
      p.retriesLeft = 0;
      this.#c.counters.rpcSkipped++;
      p.cancelTimer = this.#c.clock.setTimeout(() => this.#onTimeout(p, true), 0);
      return;
    }
    this.#send(p, bytes);
  }

  /** `message` with the reachability flags of a request (client, alt: docs/protocol.md 10.8, 10.11), when they apply. */
  #flagged(message: OutgoingMessage, to: Address): OutgoingMessage {
    const client = this.#c.client?.() === true;
    const alt = this.#c.alt?.(to);
    if (!client && alt === undefined) return message;
    return { ...message, ...(client ? { client: true } : {}), ...(alt ? { alt } : {}) } as OutgoingMessage;
  }

  /** Sends `p` as `bytes` (its encoding) and arms its timeout. */
  #send(p: Pending, bytes: Uint8Array): void {
    p.sentAt = this.#c.clock.now();
    countOne(this.#c.counters.sent, p.body.type);
    this.#c.transport.send(p.to, bytes);
    p.cancelTimer = this.#c.clock.setTimeout(() => this.#onTimeout(p), p.timeoutMs);
  }

  /**
   * The node at `p.to` has not proven this node's address and answered `p` with
   * RETRY_WITH_TOKEN (docs/protocol.md 10.6): repeats `p` once, presenting `token` (a type
   * that cannot carry one goes again after a PING that does). False: already repeated once.
   */
  #retryWithToken(p: Pending, token: Uint8Array): boolean {
    if (p.tokenRetried || p.state !== 1) return false;
    p.tokenRetried = true;
    this.#c.counters.retriesWithToken++;
    if (this.#log.enabled) this.#log.debug("retry with token", { type: p.body.type, to: addressKey(p.to) });
    p.cancelTimer?.();
    if (TOKEN_TYPES.has(p.body.type)) {
      p.message = { ...p.message!, token } as OutgoingMessage;
      this.#send(p, this.#c.codec.encode(p.message));
      return true;
    }
    p.cancelTimer = this.#c.clock.setTimeout(() => this.#onTimeout(p), p.timeoutMs * 2);
    const again = (): void => {
      if (p.state !== 1) return;
      p.cancelTimer?.();
      this.#send(p, this.#c.codec.encode(p.message!));
    };
    this.call(p.to, { type: "PING", token }, undefined, { onBehalf: p.onBehalf }, again, again);
    return true;
  }

  /** `skipped`: never sent (the address is known unresponsive); neither backs off nor re-marks. */
  #onTimeout(p: Pending, skipped = false): void {
    if (p.state !== 1) return;
    if (p.retriesLeft > 0) {
      p.retriesLeft--;
      p.retried = true;
      if (p.backoff) p.timeoutMs *= 2;
      this.#c.counters.rpcRetries++;
      // It encoded once already, so this cannot throw (same rid, same bytes).
      this.#send(p, this.#c.codec.encode(p.message!));
      return;
    }
    this.#c.counters.rpcTimeouts++;
    if (this.#log.enabled) {
      this.#log.debug("request timed out", { type: p.body.type, to: addressKey(p.to), timeoutMs: p.timeoutMs, skipped });
    }
    if (!skipped) {
      // Without it, replies slower than the RTO would never be measured (they arrive unmatched).
      // Others' silent peers (a flood of dead subscribers) must not lengthen our own timeouts.
      if (!p.onBehalf && !p.through) this.#rtt.timedOut();
      // Only after two attempts or more: one lost datagram must not silence a live peer.
      if (p.retried && !p.through) this.#unresponsive.mark(p.to);
    }
    // Not #fail: the failure hook runs between finishing and rejecting.
    const reject = p.reject, context = p.context;
    this.#finish(p);
    if (!p.through) this.#c.hooks.onFailure(p.to, p.expectId);
    reject(new RpcTimeoutError(p.to, p.timeoutMs), context);
  }

  #abort(p: Pending): void {
    if (p.state === 2) return;
    this.#fail(p, abortReason(p.signal!));
  }

  /** Finishes `p` (see {@link #finish}), then rejects it with `err`. */
  #fail(p: Pending, err: unknown, pump = true): void {
    const reject = p.reject, context = p.context;
    this.#finish(p, pump);
    reject(err, context);
  }

  /**
   * Marks `p` done, releases its timer, listener and slot; fills freed slots from the queue.
   * It also drops the callbacks and the request: a finished Pending can stay reachable a
   * while (its caller holds the RpcCall handle), and its callbacks would keep a whole
   * lookup alive with it, moving it to the old generation at the next GC.
   */
  #finish(p: Pending, pump = true): void {
    const wasPending = p.state === 1;
    if (p.state === 0) (p.onBehalf ? this.#onBehalfQueue : this.#queue).left();
    if (wasPending && p.onBehalf) this.#onBehalfInFlight--;
    p.state = 2;
    p.resolve = NO_REPLY;
    p.reject = NO_ERROR;
    p.context = undefined;
    p.message = undefined;
    p.cancelTimer?.();
    p.cancelTimer = undefined;
    if (p.signal) this.#bySignal.delete(p.signal, p);
    if (wasPending) this.#pending.delete(p.rid);
    if (pump) this.#pump();
  }

  /** True when a request of its class may go out now. */
  #hasSlot(onBehalf: boolean): boolean {
    return this.#pending.size < this.#c.maxInFlight && (!onBehalf || this.#onBehalfInFlight < this.#c.maxInFlight >> 2);
  }

  /** Fills free slots: this node's own requests first, then those on behalf of others. */
  #pump(): void {
    for (let p = this.#hasSlot(false) ? this.#queue.take() : undefined; p; p = this.#hasSlot(false) ? this.#queue.take() : undefined) {
      this.#launch(p);
    }
    for (let p = this.#hasSlot(true) ? this.#onBehalfQueue.take() : undefined; p; p = this.#hasSlot(true) ? this.#onBehalfQueue.take() : undefined) {
      this.#launch(p);
    }
  }
}
