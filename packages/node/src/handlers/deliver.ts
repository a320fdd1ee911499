import type { Address } from "@plexus/core";
import type { DeliverMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import type { Realtime } from "../realtime/realtime.js";

/** DELIVER -> ACK at once (duplicates included), then hand it to local subscriptions once per id. */
export function handleDeliver(ctx: NodeContext, realtime: Realtime, message: DeliverMessage, from: Address): void {
  ctx.reply(from, { type: "ACK", rid: message.rid, sender: ctx.self });
  realtime.subscriptions.deliver(message, from);
}
