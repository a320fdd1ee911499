import type { Address, NodeId } from "@plexus/core";
import type { KademliaRequestMessage as RequestMessage, KademliaResponseMessage as ResponseMessage, WireMessage } from "@plexus/wire";

/** A message body of a type a layer registered: its `type` and its fields. */
export interface ExtensionBody {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A request without the header fields the RPC layer fills in. */
export type RequestBody = (RequestMessage extends infer T ? (T extends unknown ? Omit<T, "rid" | "sender"> : never) : never)
  | ExtensionBody;

/** Any message as it goes to the codec. */
export interface OutgoingMessage {
  readonly type: string;
  readonly rid: number;
  readonly sender: NodeId;
}

/** Turns a message into a datagram (the node's codec). */
export interface MessageEncoder {
  /** @throws WireEncodeError on a field the codec refuses. */
  encode(message: OutgoingMessage): Uint8Array;
}

/**
 * What a request resolves to. `message` is typed as a Kademlia reply; a layer's reply types
 * arrive the same way and are told apart by `type`.
 */
export interface RpcReply<M extends WireMessage = ResponseMessage> {
  readonly message: M;
  readonly from: Address;
}

/** Per-request options. */
export interface RpcOptions {
  /** Per-attempt timeout; doubles on each retry unless `backoff` is false. */
  readonly timeoutMs?: number;
  /** Extra attempts after a timeout. */
  readonly retries?: number;
  /**
   * Double the per-attempt timeout on each retry. Lookups turn it off: their retries are
   * for lost datagrams, and a dead contact must not hold a lookup for 1 + 2 + 4 timeouts.
   * @default true
   */
  readonly backoff?: boolean;
  readonly signal?: AbortSignal | undefined;
  /**
   * Sent on behalf of another node (forwarding a broadcast, delivering or relaying a topic
   * message), not for this node's own operations: such requests take at most a quarter of
   * the in-flight slots and of the queue, wait behind the node's own requests, are refused
   * beyond that (`ERR_TOO_MANY_REQUESTS`, `stats().rpcShed`), and their timeouts do not
   * lengthen the node's own request timeout. @default false
   */
  readonly onBehalf?: boolean;
  /**
   * The answer comes from a node beyond `to` (a relay forwarding to its client, which answers
   * through it): a timeout is that node's silence as much as `to`'s, so it neither marks `to`
   * unresponsive nor counts a failure against its contact, nor lengthens the request timeout
   * (a silent client must not cut its requesters off its relay; docs/nat.md). @default false
   */
  readonly through?: boolean;
}
