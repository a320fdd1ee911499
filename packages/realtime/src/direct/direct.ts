import { addressKey, assertNodeId, bytesEqual, isPlexusError, PlexusError, setNewest, toHex } from "@plexus/core";
import type { Address, Contact, Log, NodeId } from "@plexus/core";
import { ProtocolErrorCode } from "@plexus/wire";
import { MAX_MESSAGE_DATA_BYTES, MESSAGE_ID_BYTES } from "../messages/index.js";
import type { DirectMessage, RealtimeReply, RequestDataMessage } from "../messages/index.js";
import type { ProtocolHost } from "@plexus/node";
import type { RealtimeConfig } from "../config.js";
import { DedupCache, OriginKind } from "@plexus/node";
import type { OriginGuard } from "@plexus/node";
import { RemoteError, throwIfAborted } from "@plexus/node";
import { bytesKey } from "@plexus/node";
import { deadline } from "../deadline.js";
import { CONTACT_CACHE_MS, CONTACT_CACHE_SIZE, REPLY_CACHE_SIZE } from "../constants.js";
import { UnreachableError } from "../errors.js";
import type { Connector, Route } from "../holepunch/connector.js";
import { RealtimeMessageType } from "../messages/index.js";
import type { RealtimeCounters } from "../stats.js";
import { REALTIME_LOG, admit, checkOutgoing, signed, verifyingGuard } from "../origins.js";
import type { DirectMessageEvent, RequestHandler } from "../types.js";

type Answer = { readonly type: "REPLY"; readonly data: Uint8Array } | { readonly type: "ERROR"; readonly code: number; readonly message: string };

/**
 * Direct messages and requests (docs/protocol.md, "Direct messages"). The target's contact
 * comes from the routing table, a small cache of recent lookups, or a lookup of its id (not
 * found exactly: ERR_UNREACHABLE). DIRECT is acked (ACK) and REQUEST answered (REPLY or
 * ERROR), each retried once with the same message id; a cached contact that does not answer
 * is looked up afresh once. The whole call is bounded by `directTimeoutMs` (ERR_TIMEOUT).
 * Receivers drop duplicate ids; a retried REQUEST gets the remembered answer, so the
 * handler runs at most once per id.
 */
export class Direct {
  readonly #host: ProtocolHost;
  readonly #log: Log;
  readonly #config: RealtimeConfig;
  readonly #counters: RealtimeCounters;
  readonly #seen: DedupCache;
  /** Checks the origins of arriving DIRECTs and REQUESTs (signature and replay; bounded inside). */
  readonly #guard: OriginGuard;
  /** Found contacts. Bound: CONTACT_CACHE_SIZE (oldest first out), each for CONTACT_CACHE_MS. */
  #contacts: Map<string, { contact: Contact; at: number }> | undefined; // made on first use
  /** Request id -> its answer, `undefined` while the handler runs. Bound: REPLY_CACHE_SIZE. */
  #answers: Map<string, Answer | undefined> | undefined; // made on first use
  #handler: RequestHandler | undefined;

  readonly #deliver: (event: DirectMessageEvent) => void;
  /** Reaches nodes behind NATs (relays, hole punching) when a lookup does not find them. */
  readonly #connector: Connector;

  /** `deliver` hands a direct message to the application (the `message` event). */
  constructor(host: ProtocolHost, config: RealtimeConfig, counters: RealtimeCounters, deliver: (event: DirectMessageEvent) => void,
    connector: Connector) {
    this.#deliver = deliver;
    this.#connector = connector;
    this.#host = host;
    this.#config = config;
    this.#counters = counters;
    this.#log = host.logger.forComponent(REALTIME_LOG);
    this.#seen = new DedupCache(host.clock, config.messageDedupSize, config.messageDedupWindowMs);
    this.#guard = verifyingGuard(host);
  }

  /** Sets (or clears) the request handler. */
  handleRequests(handler: RequestHandler | undefined): void {
    this.#handler = handler;
  }

  /** send(): see `RealtimeApi.send`. */
  async send(target: NodeId, data: Uint8Array, signal: AbortSignal | undefined): Promise<void> {
    const message = await this.#call(target, "DIRECT", data, signal);
    if (message.type === "ERROR") throw new RemoteError(message.code, message.message);
    if (message.type !== "ACK") throw new RemoteError(0, `DIRECT answered with ${message.type}`);
  }

  /** request(): see `RealtimeApi.request`. */
  async request(target: NodeId, data: Uint8Array, signal: AbortSignal | undefined): Promise<Uint8Array> {
    const message = await this.#call(target, "REQUEST", data, signal);
    if (message.type === "ERROR") throw new RemoteError(message.code, message.message);
    if (message.type !== "REPLY") throw new RemoteError(0, `REQUEST answered with ${message.type}`);
    return message.data;
  }

  /** A DIRECT arrived (the handler acked it): emit once per id whose origin signed it to this node. */
  onDirect(message: DirectMessage, from: Address): void {
    if (this.#seen.has(message.id)) {
      this.#counters.realtimeDuplicates++;
      return;
    }
    const { origin, id, data } = message;
    if (!admit(this.#guard, this.#counters, OriginKind.DIRECT, { origin, id, scope: this.#host.id, data }, message.auth, from, this.#log)) return;
    this.#seen.check(id);
    this.#counters.directsReceived++;
    if (this.#log.enabled) this.#log.debug("direct message received", { origin: toHex(origin), bytes: data.length, from: addressKey(from) });
    this.#deliver({ id: message.id, origin: message.origin, data: message.data, from: contactOf(message.sender, from) });
  }

  /**
   * A REQUEST arrived: answer from the handler (once per id) through `reply`. One whose
   * origin did not sign it to this node is dropped unanswered (counted).
   */
  onRequest(message: RequestDataMessage, from: Address, reply: (answer: Answer) => void): void {
    const key = bytesKey(message.id);
    if (this.#answers?.has(key)) {
      this.#counters.realtimeDuplicates++;
      const answer = this.#answers.get(key);
      if (answer) reply(answer);
      return; // still running: the first attempt's reply carries the same rid
    }
    const { origin, id, data } = message;
    if (!admit(this.#guard, this.#counters, OriginKind.REQUEST, { origin, id, scope: this.#host.id, data }, message.auth, from, this.#log)) return;
    setNewest(this.#answers ??= new Map(), key, undefined, REPLY_CACHE_SIZE);
    const finish = (answer: Answer): void => {
      if (this.#answers?.has(key)) this.#answers.set(key, answer);
      this.#counters.requestsAnswered++;
      if (this.#log.enabled) this.#log.debug("request answered", { origin: toHex(origin), reply: answer.type });
      reply(answer);
    };
    const handler = this.#handler;
    if (!handler) {
      finish({ type: "ERROR", code: ProtocolErrorCode.NO_HANDLER, message: "no request handler" });
      return;
    }
    const failed = (text: string): Answer => ({ type: "ERROR", code: ProtocolErrorCode.HANDLER_FAILED, message: text });
    Promise.resolve()
      // The requester is the signed origin; `from` is its address, or its relay's (docs/nat.md).
      .then(() => handler(message.data, contactOf(message.origin, from)))
      .then((out) => finish(out instanceof Uint8Array && out.length <= MAX_MESSAGE_DATA_BYTES
        ? { type: "REPLY", data: out } : failed(`reply must be a Uint8Array of at most ${MAX_MESSAGE_DATA_BYTES} bytes`)),
      () => finish(failed("request handler failed")));
  }

  /** Forgets caches (on stop). */
  stop(): void {
    this.#seen.clear();
    this.#guard.clear();
    this.#contacts = undefined;
    this.#answers = undefined;
  }

  async #call(target: NodeId, type: "DIRECT" | "REQUEST", data: Uint8Array, signal: AbortSignal | undefined): Promise<RealtimeReply> {
    assertNodeId(target, "id");
    checkOutgoing(this.#host, data);
    throwIfAborted(signal);
    const ctx = this.#host;
    const config = this.#config;
    if (bytesEqual(target, ctx.id)) throw new PlexusError("ERR_INVALID_ARGUMENT", "cannot send to this node itself");
    const id = ctx.random.bytes(MESSAGE_ID_BYTES);
    const kind = type === "DIRECT" ? OriginKind.DIRECT : OriginKind.REQUEST;
    const body = signed(ctx, kind, { origin: ctx.id, id, scope: target, data }, { type, id, origin: ctx.id, data });
    // REQUEST waits for the application: a fixed per-attempt timeout, not the adaptive RTO.
    const timing = type === "REQUEST" ? { timeoutMs: ctx.requestTimeoutMs } : {};
    const bound = deadline(ctx.clock, config.directTimeoutMs, signal);
    try {
      let { route, cached } = await this.#resolve(target, false, bound.signal);
      for (;;) {
        try {
          if (route.via === "direct") {
            return (await ctx.request<RealtimeReply>(route.contact, body, target, { ...timing, retries: ctx.requestRetries, signal: bound.signal })).message;
          }
          // Through the relay: it forwards the signed message unchanged and returns the answer (docs/protocol.md 13.4).
          this.#counters.sentViaRelay++;
          const relayed = { ...body, type: "RELAY" as const, target, kind: RealtimeMessageType[type] };
          // `through`: silence may be the target's; it must not cut this node off the relay itself.
          const relayTiming = { timeoutMs: 2 * ctx.requestTimeoutMs + (type === "REQUEST" ? ctx.requestTimeoutMs : 0), backoff: false, through: true };
          return (await ctx.request<RealtimeReply>(route.relay, relayed, route.relay.id, { ...relayTiming, retries: 1, signal: bound.signal })).message;
        } catch (err) {
          if (bound.signal.aborted) throw bound.signal.reason;
          if (!cached || !isPlexusError(err, "ERR_RPC_TIMEOUT")) throw err;
          this.#contacts?.delete(bytesKey(target));
          this.#connector.forget(target);
          ({ route, cached } = await this.#resolve(target, true, bound.signal));
        }
      }
    } catch (err) {
      throw bound.signal.aborted ? bound.signal.reason : err;
    } finally {
      bound.done();
    }
  }

  /**
   * The target's contact (table, cache, lookup) or, for a node in nobody's table (behind a
   * NAT), a route through its relay (punched or relayed; docs/nat.md).
   */
  async #resolve(target: NodeId, fresh: boolean, signal: AbortSignal): Promise<{ route: Route; cached: boolean }> {
    const key = bytesKey(target);
    if (!fresh) {
      const known = this.#host.table.get(target);
      if (known) return { route: { via: "direct", contact: known }, cached: true };
      const hit = this.#contacts?.get(key);
      if (hit && this.#host.clock.now() - hit.at < CONTACT_CACHE_MS) return { route: { via: "direct", contact: hit.contact }, cached: true };
      const route = this.#connector.cached(target);
      if (route) return { route, cached: true };
    }
    const closest = await this.#host.closest(target, signal);
    const found = closest.find((c) => bytesEqual(c.id, target));
    if (!found) {
      const route = await this.#connector.connect(target, closest, signal);
      if (!route) throw new UnreachableError(target);
      return { route, cached: false };
    }
    setNewest(this.#contacts ??= new Map(), key, { contact: found, at: this.#host.clock.now() }, CONTACT_CACHE_SIZE);
    return { route: { via: "direct", contact: found }, cached: false };
  }
}

function contactOf(id: NodeId, from: Address): Contact {
  return { id, host: from.host, port: from.port };
}
