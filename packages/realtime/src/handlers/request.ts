import type { Address } from "@plexus/core";
import type { ProtocolHost, RequestHandler } from "@plexus/node";
import type { RequestDataMessage } from "../messages/index.js";
import type { Direct } from "../direct/direct.js";

/** REQUEST -> REPLY from the request handler, or ERROR NO_HANDLER / HANDLER_FAILED. */
export function requestHandler(host: ProtocolHost, direct: Direct): RequestHandler<RequestDataMessage> {
  return (message: RequestDataMessage, from: Address): void => {
    direct.onRequest(message, from, (answer) => host.reply(from, message.rid, answer));
  };
}
