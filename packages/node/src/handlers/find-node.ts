import { bytesEqual } from "@plexus/core";
import type { Address, Contact, NodeId } from "@plexus/core";
import type { FindNodeMessage } from "@plexus/wire";
import { isVerified } from "../contact-book.js";
import type { NodeContext } from "../context.js";

/**
 * The k contacts closest to `target`, leaving out the requester itself and contacts that
 * never answered us (unverified: their address may be forged). Those get a PING now, so
 * the next reply can include them.
 */
export function closestFor(ctx: NodeContext, target: NodeId, requester: NodeId): Contact[] {
  const { table, config } = ctx;
  const closest = table.closest(target, config.k, (c) => bytesEqual(c.id, requester));
  let unverified = 0;
  for (const c of closest) {
    if (isVerified(c)) continue;
    unverified++;
    ctx.contacts.verify(c.id, c);
  }
  if (unverified === 0) return closest;
  return table.closest(target, config.k, (c) => !isVerified(c) || bytesEqual(c.id, requester));
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
