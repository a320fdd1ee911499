import type { NodeId } from "@plexus/core";
import type { NodeContext } from "../context.js";
import { Direct } from "./direct.js";
import { RealtimeCounters, type RealtimeStats } from "./stats.js";
import { Subscriptions } from "./subscriptions.js";
import { Topics } from "./topics.js";
import type { PublishResult, RequestHandler, TopicSubscription } from "./types.js";

/**
 * Topics and direct messages of one node: the subscriber side, the publisher and
 * rendezvous side, and direct messages, sharing the node's context and one set of counters.
 * The request handlers (`handlers/*.ts`) reach the parts through it.
 */
export class Realtime {
  readonly counters = new RealtimeCounters();
  readonly subscriptions: Subscriptions;
  readonly topics: Topics;
  readonly direct: Direct;

  constructor(ctx: NodeContext) {
    this.subscriptions = new Subscriptions(ctx, this.counters);
    this.topics = new Topics(ctx, this.counters);
    this.direct = new Direct(ctx, this.counters);
  }

  subscribe(topic: NodeId, signal: AbortSignal | undefined): TopicSubscription {
    return this.subscriptions.subscribe(topic, signal);
  }

  publish(topic: NodeId, data: Uint8Array, signal: AbortSignal | undefined): Promise<PublishResult> {
    return this.topics.publish(topic, data, signal);
  }

  send(id: NodeId, data: Uint8Array, signal: AbortSignal | undefined): Promise<void> {
    return this.direct.send(id, data, signal);
  }

  request(id: NodeId, data: Uint8Array, signal: AbortSignal | undefined): Promise<Uint8Array> {
    return this.direct.request(id, data, signal);
  }

  handleRequests(handler: RequestHandler | undefined): void {
    this.direct.handleRequests(handler);
  }

  stats(): RealtimeStats {
    return this.counters.snapshot();
  }

  /** Ends subscriptions and forgets all realtime state (on stop). */
  stop(): void {
    this.subscriptions.stop();
    this.topics.stop();
    this.direct.stop();
  }
}
