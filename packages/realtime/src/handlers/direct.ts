import type { Address } from "@plexus/core";
import type { ProtocolHost, RequestHandler } from "@plexus/node";
import type { DirectMessage } from "../messages/index.js";
import type { Direct } from "../direct/direct.js";

/** DIRECT -> ACK at once (duplicates included), then a `message` event once per id. */
export function directHandler(host: ProtocolHost, direct: Direct): RequestHandler<DirectMessage> {
  return (message: DirectMessage, from: Address): void => {
    host.reply(from, message.rid, { type: "ACK" });
    direct.onDirect(message, from);
  };
}
