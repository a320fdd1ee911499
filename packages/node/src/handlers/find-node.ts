import { bytesEqual } from "@plexus/core";
import type { Address, Contact, NodeId } from "@plexus/core";
import type { FindNodeMessage } from "@plexus/wire";
import { isVerified } from "../contact-book.js";
import type { NodeContext } from "../context.js";

/**
 * The k contacts closest to `target`, leaving out the requester itself and contacts that
 * never answered us (unverified: their address may be forged). Those are not PINGed for
 * it: our own requests (lookups, bucket refresh, the ping of a full bucket's oldest)
 * verify them, and a PING per skipped contact was ~13% of a lookup's datagrams network-wide
 * (docs/protocol.md section 6).
 */
export function closestFor(ctx: NodeContext, target: NodeId, requester: NodeId): Contact[] {
  const { table, config } = ctx;
  const k = config.k;
  // One spare for the requester; no per-contact predicate on the common path.
  const closest = table.closest(target, k + 1);
  const found = closest.length;
  let skipped = false, requesterSeen = false, kept = 0;
  // Filtered in place (the array is ours): one array per reply, not two.
  for (let i = 0; i < found; i++) {
    const c = closest[i]!;
    if (!requesterSeen && bytesEqual(c.id, requester)) {
      requesterSeen = true;
      continue;
    }
    if (!isVerified(c)) {
      skipped = true;
      continue;
    }
    if (kept < k) closest[kept++] = c;
  }
  closest.length = kept;
  // Skipped ones may leave room for verified contacts beyond the k + 1 looked at.
  if (!skipped || kept >= k || found <= k) return closest;
  return table.closest(target, k, (c) => !isVerified(c) || bytesEqual(c.id, requester));
}

/**
 * FIND_NODE -> NODES with the k closest contacts we know (paper 2.3), and a store token
 * for the requester's address when it asked for one (`wantToken`, docs/protocol.md T2).
 */
export function handleFindNode(ctx: NodeContext, message: FindNodeMessage, from: Address): void {
  ctx.reply(from, {
    type: "NODES", rid: message.rid, sender: ctx.self, contacts: closestFor(ctx, message.target, message.sender),
    ...(message.wantToken ? { token: ctx.tokens.issue(from) } : {}),
  });
}
