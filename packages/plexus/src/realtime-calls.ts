import { toHex } from "@plexus/core";
import type { Realtime } from "@plexus/realtime";
import { handled } from "./handled.js";
import type { KeyLike } from "./key.js";
import { callOptions } from "./options.js";
import { encodeData, Subscription, toNodeId, toTopicKey } from "./realtime.js";
import type { PublishOutcome, TopicLike } from "./realtime.js";
import type { CallOptions } from "./types.js";
import { decodeValue } from "./value-codec.js";

/**
 * The promise-style realtime calls of the facade (`subscribe`, `publish`, `send`,
 * `request`): arguments checked and encoded here, the work done by `@plexus/realtime`.
 * A bad argument is a rejection (a `Subscription`'s for `subscribe`), never a throw.
 */
export class RealtimeCalls {
  readonly #realtime: Realtime;
  readonly #run: <T>(fn: () => Promise<T>, options: CallOptions | undefined) => Promise<T>;

  /** `run` runs a call once the socket is bound (checks `options` first), as the node's other calls. */
  constructor(realtime: Realtime, run: <T>(fn: () => Promise<T>, options: CallOptions | undefined) => Promise<T>) {
    this.#realtime = realtime;
    this.#run = run;
  }

  subscribe(topic: TopicLike, options: CallOptions): Subscription {
    const key = toTopicKey(topic);
    return new Subscription(topic, this.#run(async () => this.#realtime.subscribe(key, callOptions(options)), undefined));
  }

  publish(topic: TopicLike, data: unknown, options: CallOptions): Promise<PublishOutcome> {
    return this.#call(() => {
      const key = toTopicKey(topic);
      const bytes = encodeData(data);
      return this.#run(async () => {
        const r = await this.#realtime.publish(key, bytes, callOptions(options));
        return { delivered: r.rendezvous, subscribers: r.subscribers, id: toHex(r.id) };
      }, options);
    });
  }

  send(nodeId: KeyLike, data: unknown, options: CallOptions): Promise<void> {
    return this.#call(() => {
      const id = toNodeId(nodeId);
      const bytes = encodeData(data);
      return this.#run(() => this.#realtime.send(id, bytes, callOptions(options)), options);
    });
  }

  request(nodeId: KeyLike, data: unknown, options: CallOptions): Promise<unknown> {
    return this.#call(() => {
      const id = toNodeId(nodeId);
      const bytes = encodeData(data);
      return this.#run(async () => decodeValue(await this.#realtime.request(id, bytes, callOptions(options))), options);
    });
  }

  /** `start()`, or its synchronous throw as a (handled) rejection. */
  #call<T>(start: () => Promise<T>): Promise<T> {
    try {
      return start();
    } catch (error) {
      return handled(Promise.reject(error));
    }
  }
}
