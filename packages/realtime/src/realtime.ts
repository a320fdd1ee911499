import { EventEmitter } from "node:events";
import { PlexusError, assertCallOptions } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { safeEmit, throwIfAborted } from "@plexus/node";
import type { CallOptions, PlexusNode, Protocol, ProtocolHost, RequestHandler as WireHandler } from "@plexus/node";
import { realtimeMessages } from "./messages/index.js";
import type { MessageSpec } from "@plexus/wire";
import { resolveRealtimeInit } from "./config.js";
import type { RealtimeConfig, RealtimeInit } from "./config.js";
import { Direct } from "./direct/direct.js";
import { Connector } from "./holepunch/connector.js";
import { PunchAnswerer } from "./holepunch/punch-answerer.js";
import { RelayServer } from "./relay/relay-server.js";
import { Reserver } from "./relay/reserver.js";
import { realtimeHandlers } from "./handlers/table.js";
import { RealtimeCounters } from "./stats.js";
import type { RealtimeStats } from "./stats.js";
import { Subscriptions } from "./topics/subscriptions.js";
import { Topics } from "./topics/topics.js";
import type { DirectMessageEvent, PublishResult, RealtimeApi, RequestHandler, TopicSubscription } from "./types.js";

/** Events of a {@link Realtime} layer. */
export interface RealtimeEvents {
  /** A direct message (send()) reached this node (once per message id). */
  message: [event: DirectMessageEvent];
}

/**
 * Topics, direct messages and request/reply on one engine: a protocol layer registered
 * through the engine's registry (as hyperdht sits on dht-rpc).
 */
export interface Realtime extends RealtimeApi, EventEmitter<RealtimeEvents> {
  /** A snapshot of the layer's counters. */
  stats(): RealtimeStats;
}

/**
 * Adds topics, direct messages and request/reply to `engine` (before or after it started).
 * @throws PlexusError `ERR_INVALID_ARGUMENT` on a bad init, or when the engine already has a
 *   layer using these message types.
 */
export function createRealtime(engine: PlexusNode, init: RealtimeInit = {}): Realtime {
  const config = resolveRealtimeInit(init);
  let layer: RealtimeLayer | undefined;
  engine.register((host) => (layer = new RealtimeLayer(host, config)));
  return layer!;
}

class RealtimeLayer extends EventEmitter<RealtimeEvents> implements Realtime, Protocol {
  readonly name = "realtime";
  readonly messages: readonly MessageSpec[] = realtimeMessages;
  readonly handlers: ReadonlyMap<string, WireHandler>;
  readonly #host: ProtocolHost;
  readonly #counters = new RealtimeCounters();
  readonly #subscriptions: Subscriptions;
  readonly #topics: Topics;
  readonly #direct: Direct;
  readonly #relay: RelayServer;
  readonly #reserver: Reserver;
  readonly #punches: PunchAnswerer;
  readonly #connector: Connector;

  constructor(host: ProtocolHost, config: RealtimeConfig) {
    super();
    this.#host = host;
    const counters = this.#counters;
    this.#subscriptions = new Subscriptions(host, config, counters);
    this.#topics = new Topics(host, config, counters);
    // A listener that throws is counted and rethrown after the datagram is handled (safeEmit).
    this.#relay = new RelayServer(host, config, counters);
    this.#connector = new Connector(host, counters, (target) => this.#relay.reserved(target));
    this.#direct = new Direct(host, config, counters,
      (event) => safeEmit(this, () => counters.listenerErrors++, "message", event), this.#connector);
    this.#reserver = new Reserver(host, config, counters);
    this.#punches = new PunchAnswerer(host, this.#reserver, counters, this.#connector);
    this.handlers = realtimeHandlers(host, {
      subscriptions: this.#subscriptions, topics: this.#topics, direct: this.#direct,
      maxSubscriptionTtlMs: config.maxSubscriptionTtlMs, relay: this.#relay, punches: this.#punches,
    });
  }

  /** Checks the call's options (a typed error for a bad shape) and that the engine runs. */
  #ready(options: CallOptions | undefined): void {
    assertCallOptions(options);
    throwIfAborted(options?.signal);
    if (!this.#host.running) throw new PlexusError("ERR_NOT_STARTED", "call start() first");
  }

  subscribe(topic: NodeId, options: CallOptions = {}): TopicSubscription {
    assertCallOptions(options);
    return this.#subscriptions.subscribe(topic, options.signal);
  }

  async publish(topic: NodeId, data: Uint8Array, options: CallOptions = {}): Promise<PublishResult> {
    this.#ready(options);
    return this.#topics.publish(topic, data, options.signal);
  }

  async send(id: NodeId, data: Uint8Array, options: CallOptions = {}): Promise<void> {
    this.#ready(options);
    return this.#direct.send(id, data, options.signal);
  }

  async request(id: NodeId, data: Uint8Array, options: CallOptions = {}): Promise<Uint8Array> {
    this.#ready(options);
    return this.#direct.request(id, data, options.signal);
  }

  handleRequests(handler: RequestHandler | undefined): void {
    if (handler !== undefined && typeof handler !== "function") {
      throw new PlexusError("ERR_INVALID_ARGUMENT", "the request handler must be a function or undefined");
    }
    this.#direct.handleRequests(handler);
  }

  stats(): RealtimeStats {
    return this.#counters.snapshot();
  }

  /** The engine started: reserve relays once behind a NAT (docs/nat.md). */
  start(): void {
    this.#reserver.start();
  }

  /** The engine stopped: end subscriptions and forget all realtime state. */
  stop(): void {
    this.#subscriptions.stop();
    this.#topics.stop();
    this.#direct.stop();
    this.#reserver.stop();
    this.#relay.stop();
    this.#punches.stop();
    this.#connector.stop();
  }
}
