import type { Address, NodeId, Transport } from "@plexus/core";
import type { ResponseMessage } from "@plexus/wire";
import type { Counters } from "../stats/counters.js";
import { countOne } from "../stats/counters.js";
import type { ExtensionBody, MessageEncoder } from "./rpc.js";

/** A reply without the header fields the responder fills in. */
export type ReplyBody = (ResponseMessage extends infer T ? (T extends unknown ? Omit<T, "rid" | "sender"> : never) : never)
  | ExtensionBody;

/** What the responder uses. */
export interface ResponderComponents {
  readonly self: NodeId;
  readonly transport: Transport;
  readonly codec: MessageEncoder;
  readonly counters: Counters;
}

/**
 * Sends replies: fills in this node's id and the request's rid, encodes once, sends. A reply
 * that cannot be encoded is counted (`encodeErrors`) and dropped, never thrown: handlers run
 * on the datagram path.
 */
export class Responder {
  readonly #c: ResponderComponents;

  constructor(components: ResponderComponents) {
    this.#c = components;
  }

  /** Answers the request `rid` that came from `to` with `body`. */
  reply(to: Address, rid: number, body: ReplyBody): void {
    const { codec, counters, transport, self } = this.#c;
    let bytes: Uint8Array;
    try {
      bytes = codec.encode({ ...body, rid, sender: self });
    } catch {
      counters.encodeErrors++;
      return;
    }
    countOne(counters.sent, body.type);
    transport.send(to, bytes);
  }
}
