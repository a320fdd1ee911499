import type { NodeId } from "@plexus/core";
import { abortReason } from "@plexus/node";
import type { TopicMessage, TopicSubscription } from "../types.js";

/**
 * One subscribe() iterator: a bounded queue of topic messages (the oldest is dropped past
 * `maxQueued`, counted by `onDrop`) and at most one waiting `next()`. `return()` or the
 * signal ends it and calls `onClose` once.
 */
export class TopicStream implements TopicSubscription {
  readonly topic: NodeId;
  readonly ready: Promise<number>;
  readonly #maxQueued: number;
  readonly #onDrop: () => void;
  readonly #onClose: (stream: TopicStream) => void;
  readonly #signal: AbortSignal | undefined;
  /** Bound: maxQueued. */
  #queue: TopicMessage[] = [];
  #waiter: { resolve: (r: IteratorResult<TopicMessage>) => void; reject: (e: unknown) => void } | undefined;
  #closed = false;
  #error: unknown;

  constructor(topic: NodeId, ready: Promise<number>, opts: {
    maxQueued: number; signal: AbortSignal | undefined; onDrop: () => void; onClose: (s: TopicStream) => void;
  }) {
    this.topic = topic;
    this.ready = ready;
    this.#maxQueued = opts.maxQueued;
    this.#onDrop = opts.onDrop;
    this.#onClose = opts.onClose;
    this.#signal = opts.signal;
    this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Queues `message`, or hands it to a waiting `next()`. */
  push(message: TopicMessage): void {
    if (this.#closed) return;
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve({ value: message, done: false });
      return;
    }
    if (this.#queue.length >= this.#maxQueued) {
      this.#queue.shift();
      this.#onDrop();
    }
    this.#queue.push(message);
  }

  /** Ends the iteration (node stopped): waiting and later `next()` calls get `done`. */
  end(): void {
    this.#close(undefined);
  }

  next(): Promise<IteratorResult<TopicMessage>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.#closed) return this.#error === undefined ? Promise.resolve(done()) : Promise.reject(this.#error);
    return new Promise((resolve, reject) => { this.#waiter = { resolve, reject }; });
  }

  return(): Promise<IteratorResult<TopicMessage>> {
    this.#close(undefined);
    return Promise.resolve(done());
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #onAbort = (): void => {
    this.#close(abortReason(this.#signal!));
  };

  #close(error: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#error = error;
    this.#queue = error === undefined ? this.#queue : [];
    this.#signal?.removeEventListener("abort", this.#onAbort);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter) {
      if (error === undefined) waiter.resolve(done());
      else waiter.reject(error);
    }
    this.#onClose(this);
  }
}

function done(): IteratorResult<TopicMessage> {
  return { value: undefined, done: true };
}
