import type { Address } from "@plexus/core";
import type { ProtocolHost, RequestHandler } from "@plexus/node";
import type { PublishMessage } from "../messages/index.js";
import type { Topics } from "../topics/topics.js";

/** PUBLISH -> PUBLISHED at once (duplicates included), then deliver and relay once per id whose origin checks out. */
export function publishHandler(host: ProtocolHost, topics: Topics): RequestHandler<PublishMessage> {
  return (message: PublishMessage, from: Address): void => {
    host.reply(from, message.rid, { type: "PUBLISHED", subscribers: topics.onPublish(message, from) });
  };
}
