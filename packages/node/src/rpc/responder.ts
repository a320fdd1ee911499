import type { Address, NodeId, Transport } from "@plexus/core";
import type { KademliaResponseMessage as ResponseMessage } from "@plexus/wire";
import type { SourceBudget } from "../limits/source-budget.js";
import type { Counters } from "../stats/counters.js";
import { countOne } from "../stats/counters.js";
import type { ExtensionBody, MessageEncoder } from "./rpc.js";

/** A reply without the header fields the responder fills in. */
export type ReplyBody = (ResponseMessage extends infer T ? (T extends unknown ? Omit<T, "rid" | "sender"> : never) : never)
  | ExtensionBody;

/** A whole reply: the request's rid and this node's id as sender. */
export type ReplyMessage = ResponseMessage | (ExtensionBody & { readonly rid: number; readonly sender: NodeId });

/** What the responder uses. */
export interface ResponderComponents {
  readonly self: NodeId;
  readonly transport: Transport;
  readonly codec: MessageEncoder;
  readonly counters: Counters;
  /** Reply bytes per source subnet; a reply beyond it is dropped (`repliesLimited`). */
  readonly budget?: SourceBudget | undefined;
}

/**
 * Sends replies: encodes once, sends. A reply that cannot be encoded is counted
 * (`encodeErrors`) and dropped, never thrown: handlers run on the datagram path.
 */
export class Responder {
  readonly #c: ResponderComponents;

  constructor(components: ResponderComponents) {
    this.#c = components;
  }

  /** This node's id, the sender of every reply. */
  get self(): NodeId {
    return this.#c.self;
  }

  /** Sends `message` (a reply, its rid that of the request) to `to`. */
  send(to: Address, message: ReplyMessage): void {
    const { codec, counters, transport } = this.#c;
    let bytes: Uint8Array;
    try {
      bytes = codec.encode(message);
    } catch {
      counters.encodeErrors++;
      return;
    }
    if (this.#c.budget && !this.#c.budget.reply(to, bytes.length)) {
      counters.repliesLimited++;
      return;
    }
    countOne(counters.sent, message.type);
    transport.send(to, bytes);
  }

  /** Answers the request `rid` that came from `to` with `body` (header filled in here). */
  reply(to: Address, rid: number, body: ReplyBody): void {
    this.send(to, Object.assign({ rid, sender: this.#c.self }, body) as ReplyMessage);
  }
}
