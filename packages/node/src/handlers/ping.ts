import type { Address } from "@plexus/core";
import type { PingMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";

/** PING -> PONG (paper 2.3: "PING probes a node to see if it is online"). */
export function handlePing(ctx: NodeContext, message: PingMessage, from: Address): void {
  ctx.reply(from, { type: "PONG", rid: message.rid, sender: ctx.self });
}
