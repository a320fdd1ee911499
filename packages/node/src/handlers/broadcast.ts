import type { Address } from "@plexus/core";
import type { BroadcastMessage } from "@plexus/wire";
import type { Broadcaster } from "../broadcast/broadcaster.js";
import type { Responder } from "../rpc/responder.js";
import type { RequestHandler } from "./handler.js";

/** BROADCAST -> ACK at once, then deliver-once and forward down the bucket tree. */
export function broadcastHandler(parts: { responder: Responder; broadcaster: Broadcaster }): RequestHandler<BroadcastMessage> {
  return (message: BroadcastMessage, from: Address): void => {
    parts.responder.send(from, { type: "ACK", rid: message.rid, sender: parts.responder.self });
    parts.broadcaster.receive(message, from);
  };
}
