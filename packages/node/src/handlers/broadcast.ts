import type { Address } from "@plexus/core";
import type { BroadcastMessage } from "@plexus/wire";
import type { Broadcaster } from "../broadcast.js";
import type { NodeContext } from "../context.js";

/** BROADCAST -> ACK at once, then deliver-once and forward down the bucket tree. */
export function handleBroadcast(ctx: NodeContext, broadcaster: Broadcaster, message: BroadcastMessage, from: Address): void {
  ctx.reply(from, { type: "ACK", rid: message.rid, sender: ctx.self });
  broadcaster.receive(message, from);
}
