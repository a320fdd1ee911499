import type { Address } from "@plexus/core";
import type { DirectMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import type { Realtime } from "../realtime/realtime.js";

/** DIRECT -> ACK at once (duplicates included), then a `message` event once per id. */
export function handleDirect(ctx: NodeContext, realtime: Realtime, message: DirectMessage, from: Address): void {
  ctx.reply(from, { type: "ACK", rid: message.rid, sender: ctx.self });
  realtime.direct.onDirect(message, from);
}
