import { PlexusError, addressKey, silentLog } from "@plexus/core";
import type { Address, Log } from "@plexus/core";
import { createCodec } from "@plexus/wire";
import type { KademliaResponseMessage as ResponseMessage } from "@plexus/wire";
import type { Codec, IdInterner, MessageSpec } from "@plexus/wire";
import type { RequestHandler } from "../handlers/handler.js";
import type { ContactBook } from "../routing/contact-book.js";
import type { MessageEncoder, OutgoingMessage, Rpc } from "../rpc/rpc.js";
import type { Routability } from "../limits/routability.js";
import type { SourceBudget } from "../limits/source-budget.js";
import type { Counters } from "../stats/counters.js";
import { countOne } from "../stats/counters.js";
import type { Protocol } from "./types.js";

/**
 * The message types and request handlers of one node: the Kademlia ones, plus those of the
 * layers registered on it. Owns the node's codec (rebuilt when a layer adds types) and
 * routes each datagram: decoded once, replies to the RPC layer, requests to their handler.
 */
export class Protocols implements MessageEncoder {
  readonly #counters: Counters;
  /** Bound: one per request type known. */
  readonly #handlers = new Map<string, RequestHandler>();
  /** Bound: the layers registered (a handful). */
  readonly #layers: Protocol[] = [];
  /** Bound: the layers' message types (at most the 126 codes). */
  readonly #specs: MessageSpec[] = [];
  readonly #ids: IdInterner | undefined;
  readonly #budget: SourceBudget | undefined;
  readonly #routability: Routability | undefined;
  readonly #log: Log;
  #codec: Codec;

  /**
   * `ids`: shared with other nodes' codecs (a simulation's), when given. `guards.budget`:
   * requests beyond their source subnet's budget are dropped unanswered;
   * `guards.routability` learns each request's size and address token (docs/protocol.md 10.6).
   */
  constructor(counters: Counters, ids?: IdInterner, guards: { budget?: SourceBudget; routability?: Routability; log?: Log } = {}) {
    this.#counters = counters;
    this.#ids = ids;
    this.#budget = guards.budget;
    this.#routability = guards.routability;
    this.#log = guards.log ?? silentLog;
    this.#codec = createCodec(ids ? { ids } : {});
    counters.addTypes(this.#codec.types);
  }

  /** Adds the engine's own request handlers. */
  addHandlers(handlers: ReadonlyMap<string, RequestHandler>): void {
    for (const [type, handler] of handlers) this.#handlers.set(type, handler);
  }

  /**
   * Adds a layer: its message types to the codec, its handlers to the dispatch table.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` when a type name or code is taken, or a
   *   handler names a type that is not one of its requests.
   */
  register<P extends Protocol>(protocol: P): P {
    const codec = createCodec({ messages: [...this.#specs, ...protocol.messages], ...(this.#ids ? { ids: this.#ids } : {}) });
    for (const type of protocol.handlers.keys()) {
      if (!protocol.messages.some((spec) => spec.type === type && spec.kind === "request")) {
        throw new PlexusError("ERR_INVALID_ARGUMENT", `${protocol.name}: a handler for ${type}, which is not one of its request types`);
      }
    }
    this.#codec = codec;
    this.#specs.push(...protocol.messages);
    this.addHandlers(protocol.handlers);
    this.#counters.addTypes(codec.types);
    this.#layers.push(protocol);
    return protocol;
  }

  encode(message: OutgoingMessage): Uint8Array {
    return this.#codec.encode(message);
  }

  /** Decodes `data` and hands it on; anything malformed or unhandled is counted and dropped. */
  route(data: Uint8Array, from: Address, rpc: Rpc, contacts: ContactBook): void {
    const counters = this.#counters;
    const decoded = this.#codec.tryDecode(data);
    if (!decoded.ok) {
      counters.malformed++;
      if (this.#log.enabled) this.#log.debug("dropped datagram", { reason: "malformed", from: addressKey(from), bytes: data.length });
      return;
    }
    const message = decoded.message;
    countOne(counters.received, message.type);
    if (this.#codec.isResponse(message)) {
      rpc.handleResponse(message as ResponseMessage, from);
      return;
    }
    const handler = this.#handlers.get(message.type);
    if (handler === undefined) {
      counters.unhandled++;
      if (this.#log.enabled) this.#log.debug("dropped datagram", { reason: "unhandled", type: message.type, from: addressKey(from) });
      return;
    }
    if (this.#budget && !this.#budget.request(from)) {
      counters.requestsLimited++;
      if (this.#log.enabled) this.#log.debug("dropped datagram", { reason: "rate limited", type: message.type, from: addressKey(from) });
      return;
    }
    this.#routability?.received(from, data.length, (message as { readonly token?: Uint8Array }).token);
    rpc.heardFrom(from);
    const flags = message as { readonly client?: true; readonly dialNonce?: Uint8Array; readonly alt?: Address };
    // A dial-back comes from a port of its own (docs/protocol.md 10.10): not a contact's address.
    if (flags.dialNonce === undefined) contacts.requested(message.sender, from, flags.client === true, flags.alt);
    handler(message, from);
  }

  /** Tells every layer the node started (timers may run from now on). */
  start(): void {
    for (const layer of this.#layers) layer.start?.();
  }

  /** Tells every layer the node stopped. */
  stop(): void {
    for (const layer of this.#layers) layer.stop?.();
  }
}
