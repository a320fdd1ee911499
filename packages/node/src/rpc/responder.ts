import { addressKey } from "@plexus/core";
import type { Address, Log, NodeId, Transport } from "@plexus/core";
import type { KademliaResponseMessage as ResponseMessage } from "@plexus/wire";
import { ProtocolErrorCode } from "@plexus/wire";
import type { Routability } from "../limits/routability.js";
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
  /**
   * Return routability (docs/protocol.md 10.6): a reply larger than an unproven address sent
   * becomes ERROR RETRY_WITH_TOKEN with `tokens.issue(to)`, or nothing when even that is larger.
   */
  readonly routability?: Routability | undefined;
  readonly tokens?: { issue(address: Address): Uint8Array } | undefined;
  /** `plexus:rpc`: the defences firing (retry-with-token, replies dropped). @default silent */
  readonly log?: Log | undefined;
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
    const { codec, counters, routability, tokens } = this.#c;
    // An unproven requester gets its address token with NODES and VALUE, so that its next
    // request proves its address (docs/protocol.md 10.6) without a RETRY_WITH_TOKEN.
    if (routability && tokens && (message.type === "NODES" || message.type === "VALUE")
      && (message as { token?: Uint8Array }).token === undefined && !routability.isProven(to)) {
      message = { ...message, token: tokens.issue(to) } as ReplyMessage;
    }
    let bytes: Uint8Array;
    try {
      bytes = codec.encode(message);
    } catch {
      counters.encodeErrors++;
      return;
    }
    if (routability && tokens && !routability.pay(to, bytes.length)) {
      this.#retryWithToken(to, message.rid, tokens.issue(to), routability);
      return;
    }
    this.#transmit(to, bytes, message.type);
  }

  /** True when `to` has proven its address (docs/protocol.md 10.6), or nothing checks. Loopback counts as proven when exempt. */
  isProven(to: Address): boolean {
    return this.#c.routability?.isProven(to) ?? true;
  }

  /**
   * True when `to` has proven its address (or nothing checks); otherwise answers request
   * `rid` with RETRY_WITH_TOKEN and returns false (see ProtocolHost.requireProvenAddress).
   */
  demandProof(to: Address, rid: number): boolean {
    const { routability, tokens } = this.#c;
    if (!routability || !tokens || routability.isProven(to)) return true;
    this.#retryWithToken(to, rid, tokens.issue(to), routability);
    return false;
  }

  /** Asks an unproven requester to repeat request `rid` with `token` (docs/protocol.md 10.6). */
  #retryWithToken(to: Address, rid: number, token: Uint8Array, routability: Routability): void {
    const { codec, counters } = this.#c;
    const retry: ResponseMessage = { type: "ERROR", rid, sender: this.#c.self, code: ProtocolErrorCode.RETRY_WITH_TOKEN, message: "", token };
    const bytes = codec.encode(retry);
    if (!routability.pay(to, bytes.length)) {
      counters.repliesUnproven++;
      this.#dropped("unproven address", to);
      return;
    }
    counters.repliesRetried++;
    if (this.#c.log?.enabled) this.#c.log.debug("asked to retry with token", { to: addressKey(to) });
    this.#transmit(to, bytes, "ERROR");
  }

  #transmit(to: Address, bytes: Uint8Array, type: string): void {
    const { counters, transport } = this.#c;
    if (this.#c.budget && !this.#c.budget.reply(to, bytes.length)) {
      counters.repliesLimited++;
      this.#dropped("reply rate limited", to);
      return;
    }
    countOne(counters.sent, type);
    transport.send(to, bytes);
  }

  #dropped(reason: string, to: Address): void {
    if (this.#c.log?.enabled) this.#c.log.debug("dropped reply", { reason, to: addressKey(to) });
  }

  /** Answers the request `rid` that came from `to` with `body` (header filled in here). */
  reply(to: Address, rid: number, body: ReplyBody): void {
    this.send(to, Object.assign({ rid, sender: this.#c.self }, body) as ReplyMessage);
  }
}
