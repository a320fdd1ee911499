import type { Address } from "@plexus/core";
import type { ProtocolHost, RequestHandler } from "@plexus/node";
import { ProtocolErrorCode } from "@plexus/wire";
import type { SubscribeMessage } from "../messages/index.js";
import type { Topics } from "../topics/topics.js";

/** SUBSCRIBE -> SUBSCRIBED with the granted TTL, or ERROR BUSY past the topic/subscriber bounds. */
export function subscribeHandler(host: ProtocolHost, topics: Topics, maxSubscriptionTtlMs: number): RequestHandler<SubscribeMessage> {
  return (message: SubscribeMessage, from: Address): void => {
    if (topics.onSubscribe(message, from) === "busy") {
      host.reply(from, message.rid, { type: "ERROR", code: ProtocolErrorCode.BUSY, message: "too many topics or subscribers" });
      return;
    }
    host.reply(from, message.rid, { type: "SUBSCRIBED", ttlMs: Math.min(message.ttlMs, maxSubscriptionTtlMs) });
  };
}
