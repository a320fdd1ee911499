import { bytesEqual } from "@plexus/core";
import type { Address, Contact, NodeId } from "@plexus/core";
import type { FindNodeMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";

/** The k contacts closest to `target`, leaving out the requester itself. */
export function closestFor(ctx: NodeContext, target: NodeId, requester: NodeId): Contact[] {
  return ctx.table.closest(target, ctx.config.k, (c) => bytesEqual(c.id, requester));
}

/**
 * FIND_NODE -> NODES with the k closest contacts we know (paper 2.3), and a store token
 * for the requester's address (docs/protocol.md T2).
 */
export function handleFindNode(ctx: NodeContext, message: FindNodeMessage, from: Address): void {
  ctx.reply(from, {
    type: "NODES", rid: message.rid, sender: ctx.self, contacts: closestFor(ctx, message.target, message.sender),
    token: ctx.tokens.issue(from),
  });
}
