import { bytesEqual } from "@plexus/core";
import type { NodeId } from "@plexus/core";
import { RemoteError } from "../api/errors.js";

/**
 * The reply types each Kademlia request accepts besides ERROR (docs/protocol.md, section 5).
 * A layer's request types are not listed: any response type reaches the layer, which tells
 * them apart by `type`. Bound: the five Kademlia request types.
 */
const KADEMLIA_REPLIES: ReadonlyMap<string, readonly string[]> = new Map([
  ["PING", ["PONG"]],
  ["FIND_NODE", ["NODES"]],
  ["FIND_VALUE", ["VALUE", "NODES"]],
  ["STORE", ["STORED"]],
  ["BROADCAST", ["ACK"]],
]);

/** True when a `replyType` message can answer a `requestType` request. */
export function answers(requestType: string, replyType: string): boolean {
  if (replyType === "ERROR") return true;
  const expected = KADEMLIA_REPLIES.get(requestType);
  return expected === undefined || expected.includes(replyType);
}

/**
 * Why `reply` (from the address a `requestType` request went to) is not its answer, or
 * `undefined` when it is: it comes from another node than `expectId`, or its type does not
 * answer the request. Either way the contact at that address is not who the table takes it
 * for (or lies): the request fails at once (`RemoteError` with `protocolCode` 0, as for any
 * reply a request cannot use, docs/errors.md `ERR_REMOTE`) and counts against that
 * contact, so a table entry never moves to whoever answers in its place.
 */
export function badReply(requestType: string, expectId: NodeId | undefined,
  reply: { readonly type: string; readonly sender: NodeId }): RemoteError | undefined {
  if (expectId !== undefined && !bytesEqual(reply.sender, expectId)) {
    return new RemoteError(0, `${requestType} answered by another node than the one asked`);
  }
  if (!answers(requestType, reply.type)) return new RemoteError(0, `${requestType} answered with ${reply.type}`);
  return undefined;
}
