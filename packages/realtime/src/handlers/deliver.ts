import type { Address } from "@plexus/core";
import type { ProtocolHost, RequestHandler } from "@plexus/node";
import type { DeliverMessage } from "../messages/index.js";
import type { Subscriptions } from "../topics/subscriptions.js";

/** DELIVER -> ACK at once (duplicates included), then hand it to local subscriptions once per id. */
export function deliverHandler(host: ProtocolHost, subscriptions: Subscriptions): RequestHandler<DeliverMessage> {
  return (message: DeliverMessage, from: Address): void => {
    host.reply(from, message.rid, { type: "ACK" });
    subscriptions.deliver(message, from);
  };
}
