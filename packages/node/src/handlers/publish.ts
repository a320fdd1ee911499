import type { Address } from "@plexus/core";
import type { PublishMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import type { Realtime } from "../realtime/realtime.js";

/** PUBLISH -> PUBLISHED at once (duplicates included), then deliver and relay once per id. */
export function handlePublish(ctx: NodeContext, realtime: Realtime, message: PublishMessage, from: Address): void {
  const subscribers = realtime.topics.onPublish(message);
  ctx.reply(from, { type: "PUBLISHED", rid: message.rid, sender: ctx.self, subscribers });
}
