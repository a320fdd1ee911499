import type { Address } from "@plexus/core";
import type { RequestHandler } from "@plexus/node";
import type { ReserveMessage } from "../messages/index.js";
import type { RelayServer } from "../relay/relay-server.js";

/** RESERVE -> RESERVED, ERROR BUSY, or nothing (unproven address, bad signature): {@link RelayServer.onReserve}. */
export function reserveHandler(relay: RelayServer): RequestHandler<ReserveMessage> {
  return (message: ReserveMessage, from: Address): void => relay.onReserve(message, from);
}
