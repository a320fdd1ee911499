import type { Address } from "@plexus/core";
import { ProtocolErrorCode } from "@plexus/wire";
import type { SubscribeMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import type { Realtime } from "../realtime/realtime.js";

/** SUBSCRIBE -> SUBSCRIBED with the granted TTL, or ERROR BUSY past the topic/subscriber bounds. */
export function handleSubscribe(ctx: NodeContext, realtime: Realtime, message: SubscribeMessage, from: Address): void {
  const { rid } = message;
  if (realtime.topics.onSubscribe(message, from) === "busy") {
    ctx.reply(from, { type: "ERROR", rid, sender: ctx.self, code: ProtocolErrorCode.BUSY, message: "too many topics or subscribers" });
    return;
  }
  ctx.reply(from, { type: "SUBSCRIBED", rid, sender: ctx.self, ttlMs: Math.min(message.ttlMs, ctx.config.maxSubscriptionTtlMs) });
}
