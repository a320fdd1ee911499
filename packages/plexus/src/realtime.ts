import { PlexusError } from "@plexus/core";
import type { Contact } from "@plexus/core";
import { systemClock } from "@plexus/node";
import { MAX_MESSAGE_DATA_BYTES, topicKey } from "@plexus/realtime";
import type { Realtime, TopicMessage as EngineTopicMessage, TopicSubscription } from "@plexus/realtime";
import { KEY_BYTES } from "./constants.js";
import { toKey } from "./key.js";
import type { KeyLike } from "./key.js";
import type { OperationSignal } from "./in-flight.js";
import { decodeValue, encodeValue } from "./value-codec.js";
import { seedContact } from "./seed/contact.js";
import type { SeedContact } from "./seed/types.js";

/** A topic name (hashed with domain separation, see `topicKey`) or a 32-byte topic key. */
export type TopicLike = string | Uint8Array;

/** A publication as `Node.subscribe` yields it. */
export interface TopicMessage {
  /** The topic as passed to `subscribe`. */
  readonly topic: TopicLike;
  /** The data as published, decoded like broadcast data (string, bytes or MessagePack value). */
  readonly data: unknown;
  /** The publisher's node id (32 bytes, like every id the promise API returns). */
  readonly origin: Uint8Array;
  /** The publication id (16 bytes; each id is yielded at most once). */
  readonly id: Uint8Array;
}

/** What `Node.publish` resolves to. */
export interface PublishOutcome {
  /**
   * Rendezvous nodes that accepted the publication (1 on success: that node delivers to its
   * subscribers and relays to the other rendezvous nodes of the topic).
   */
  readonly delivered: number;
  /** Subscribers the accepting rendezvous node holds (the other rendezvous may hold more). */
  readonly subscribers: number;
  /** The publication id (16 bytes). */
  readonly id: Uint8Array;
}

/**
 * Answers `request()`s (the promise API): gets the decoded data and the requester's 32-byte
 * id, returns the reply value (any value the value codec encodes, at most 1024 bytes encoded).
 */
export type RequestListener = (data: unknown, from: Uint8Array) => unknown;

/** A `message` listener's third argument when a request came in and no `onRequest` handler is set. */
export type ReplyFunction = (value: unknown) => void;

/** The 32-byte key of a topic: a Uint8Array must be 32 bytes; a string is `topicKey(name)`, never parsed as hex. */
export function toTopicKey(topic: TopicLike): Uint8Array {
  if (typeof topic === "string") return topicKey(topic);
  if (topic instanceof Uint8Array && topic.length === KEY_BYTES) return new Uint8Array(topic);
  throw new PlexusError("ERR_INVALID_ID", `topic must be a string or a ${KEY_BYTES}-byte Uint8Array`);
}

/** Encodes application data for a realtime message. @throws PlexusError `ERR_VALUE_TOO_LARGE` past 1024 bytes. */
export function encodeData(data: unknown): Uint8Array {
  const bytes = encodeValue(data);
  if (bytes.length > MAX_MESSAGE_DATA_BYTES) {
    throw new PlexusError("ERR_VALUE_TOO_LARGE", `data encodes to ${bytes.length} bytes, more than ${MAX_MESSAGE_DATA_BYTES}`);
  }
  return bytes;
}

/** A node id as bytes. @throws PlexusError `ERR_INVALID_ID`. */
export function toNodeId(id: KeyLike): Uint8Array {
  return toKey(id, "nodeId");
}

/**
 * The iterator `Node.subscribe` returns: it opens the engine subscription as soon as the
 * socket is bound (not on the first `next()`), so publications arriving meanwhile queue up.
 * `ready` resolves to the number of rendezvous nodes that acknowledged the registration.
 */
export class Subscription implements AsyncIterableIterator<TopicMessage> {
  readonly ready: Promise<number>;
  readonly #inner: Promise<TopicSubscription>;
  readonly #topic: TopicLike;
  /** Its signal (aborted by the caller or, with ERR_STOPPED, by `close()`); released once the iteration ended. */
  readonly #op: OperationSignal | undefined;

  constructor(topic: TopicLike, open: Promise<TopicSubscription>, op?: OperationSignal) {
    this.#topic = topic;
    this.#op = op;
    this.#inner = open;
    this.#inner.catch(() => undefined);
    this.ready = open.then((s) => s.ready);
    this.ready.catch(() => undefined);
  }

  async next(): Promise<IteratorResult<TopicMessage>> {
    const result = await (await this.#inner).next();
    if (!result.done) return { value: this.#map(result.value), done: false };
    this.#op?.release();
    if (this.#op?.signal.aborted) throw this.#op.signal.reason; // aborted, or ERR_STOPPED by close()
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<TopicMessage>> {
    this.#op?.release();
    const inner = await this.#inner.catch(() => undefined);
    await inner?.return?.();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #map(m: EngineTopicMessage): TopicMessage {
    return Object.freeze({ topic: this.#topic, data: decodeValue(m.data), origin: m.origin.slice(), id: m.id.slice() });
  }
}

/**
 * Installs the engine's request handler for the facade: `onRequest`'s listener when set,
 * else the `message` listeners get a `reply` function (the first call answers; with no
 * call within `timeoutMs` the requester gets ERROR HANDLER_FAILED). Without either, the
 * engine answers NO_HANDLER.
 */
export function installRequestHandler(engine: Realtime, listener: RequestListener | undefined,
  emitMessage: ((data: unknown, from: SeedContact, reply: ReplyFunction) => boolean) | undefined, timeoutMs: number): void {
  if (!listener && !emitMessage) {
    engine.handleRequests(undefined);
    return;
  }
  engine.handleRequests(async (data: Uint8Array, from: Contact) => {
    const value = decodeValue(data);
    if (listener) return encodeData(await listener(value, from.id.slice()));
    return new Promise<Uint8Array>((resolve, reject) => {
      const cancel = systemClock.setTimeout(() => reject(new PlexusError("ERR_TIMEOUT", "no reply")), timeoutMs);
      const heard = emitMessage!(value, seedContact(from.id, from), (reply) => {
        cancel();
        try {
          resolve(encodeData(reply));
        } catch (err) {
          reject(err);
        }
      });
      if (!heard) {
        cancel();
        reject(new PlexusError("ERR_INVALID_ARGUMENT", "no listener"));
      }
    });
  });
}
