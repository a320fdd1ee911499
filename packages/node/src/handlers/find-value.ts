import type { Address } from "@plexus/core";
import type { FindValueMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import { closestFor } from "./find-node.js";

/**
 * FIND_VALUE -> VALUE when the store holds the key, else NODES like FIND_NODE (paper 2.3).
 * Both carry a store token for the requester's address (docs/protocol.md T2).
 */
export function handleFindValue(ctx: NodeContext, message: FindValueMessage, from: Address): void {
  const record = ctx.store.get(message.key);
  const ttlMs = record ? Math.floor(record.expiresAt - ctx.clock.now()) : 0;
  if (record && ttlMs > 0) {
    ctx.reply(from, {
      type: "VALUE", rid: message.rid, sender: ctx.self, key: record.key, value: record.value, ttlMs,
      ...(record.publisher ? { publisher: record.publisher } : {}),
      token: ctx.tokens.issue(from),
    });
    return;
  }
  ctx.reply(from, {
    type: "NODES", rid: message.rid, sender: ctx.self, contacts: closestFor(ctx, message.key, message.sender),
    token: ctx.tokens.issue(from),
  });
}
