import type { Address } from "@plexus/core";
import type { RequestHandler } from "@plexus/node";
import type { ConnectMessage } from "../messages/index.js";
import type { RelayServer } from "../relay/relay-server.js";

/** CONNECT -> CONNECTED (and a PUNCH to the target), or ERROR NO_RESERVATION / BUSY: {@link RelayServer.onConnect}. */
export function connectHandler(relay: RelayServer): RequestHandler<ConnectMessage> {
  return (message: ConnectMessage, from: Address): void => relay.onConnect(message, from);
}
