import type { Address } from "@plexus/core";
import type { RequestHandler } from "@plexus/node";
import type { RelayMessage } from "../messages/index.js";
import type { RelayServer } from "../relay/relay-server.js";

/** RELAY -> the target's answer to the wrapped DIRECT / REQUEST, or ERROR NO_RESERVATION / BUSY: {@link RelayServer.onRelay}. */
export function relayHandler(relay: RelayServer): RequestHandler<RelayMessage> {
  return (message: RelayMessage, from: Address): void => relay.onRelay(message, from);
}
