import type { Address } from "@plexus/core";
import type { ProtocolHost, RequestHandler } from "@plexus/node";
import type { PunchAnswerer } from "../holepunch/punch-answerer.js";
import type { PunchMessage } from "../messages/index.js";

/** PUNCH -> ACK when it came from one of this node's relays (then the punch starts); else dropped unanswered. */
export function punchHandler(host: ProtocolHost, answerer: PunchAnswerer): RequestHandler<PunchMessage> {
  return (message: PunchMessage, from: Address): void => {
    if (answerer.onPunch(message, from)) host.reply(from, message.rid, { type: "ACK" });
  };
}
