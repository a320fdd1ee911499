import type { Address } from "@plexus/core";
import type { ProtocolHost, RequestHandler } from "@plexus/node";
import { ProtocolErrorCode } from "@plexus/wire";
import type { SubscribeMessage } from "../messages/index.js";
import type { Topics } from "../topics/topics.js";

/**
 * SUBSCRIBE -> SUBSCRIBED with the granted TTL, or ERROR BUSY past the topic/subscriber
 * bounds. A subscription makes this node send DELIVERs to `from` later, so it is taken only
 * from an address that proved it receives there (else ERROR RETRY_WITH_TOKEN): a spoofed
 * SUBSCRIBE cannot aim a topic's traffic at a third party.
 */
export function subscribeHandler(host: ProtocolHost, topics: Topics, maxSubscriptionTtlMs: number): RequestHandler<SubscribeMessage> {
  return (message: SubscribeMessage, from: Address): void => {
    if (!host.requireProvenAddress(from, message.rid)) return;
    if (topics.onSubscribe(message, from) === "busy") {
      host.reply(from, message.rid, { type: "ERROR", code: ProtocolErrorCode.BUSY, message: "too many topics or subscribers" });
      return;
    }
    host.reply(from, message.rid, { type: "SUBSCRIBED", ttlMs: Math.min(message.ttlMs, maxSubscriptionTtlMs) });
  };
}
