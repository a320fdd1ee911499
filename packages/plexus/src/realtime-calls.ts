import type { Realtime } from "@plexus/realtime";
import { handled } from "./handled.js";
import type { Run } from "./in-flight.js";
import type { KeyLike } from "./key.js";
import { encodeData, toNodeId, toTopicKey } from "./realtime.js";
import type { PublishOutcome, TopicLike } from "./realtime.js";
import type { CallOptions } from "./types.js";
import { decodeValue } from "./value-codec.js";

/**
 * The promise-style realtime calls of the facade (`publish`, `send`, `request`; `subscribe`
 * stays on the node, which owns the in-flight signals): arguments checked and encoded here,
 * the work done by `@plexus/realtime`. A bad argument is a rejection, never a throw.
 */
export class RealtimeCalls {
  readonly #realtime: Realtime;
  readonly #run: Run;

  /** `run` runs a call as the node's other calls (bound, options checked, settled by `close()`). */
  constructor(realtime: Realtime, run: Run) {
    this.#realtime = realtime;
    this.#run = run;
  }

  publish(topic: TopicLike, data: unknown, options: CallOptions): Promise<PublishOutcome> {
    return this.#call(() => {
      const key = toTopicKey(topic);
      const bytes = encodeData(data);
      return this.#run(async (o) => {
        const r = await this.#realtime.publish(key, bytes, o);
        return { delivered: r.rendezvous, subscribers: r.subscribers, id: r.id };
      }, options);
    });
  }

  send(nodeId: KeyLike, data: unknown, options: CallOptions): Promise<void> {
    return this.#call(() => {
      const id = toNodeId(nodeId);
      const bytes = encodeData(data);
      return this.#run((o) => this.#realtime.send(id, bytes, o), options);
    });
  }

  request(nodeId: KeyLike, data: unknown, options: CallOptions): Promise<unknown> {
    return this.#call(() => {
      const id = toNodeId(nodeId);
      const bytes = encodeData(data);
      return this.#run(async (o) => decodeValue(await this.#realtime.request(id, bytes, o)), options);
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
