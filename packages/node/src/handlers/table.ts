import type { Broadcaster } from "../broadcast/broadcaster.js";
import type { NodeIdentity } from "../identity/identity.js";
import { broadcastHandler } from "./broadcast.js";
import { findNodeHandler } from "./find-node.js";
import { findValueHandler } from "./find-value.js";
import type { FindValueParts } from "./find-value.js";
import type { RequestHandler } from "./handler.js";
import { pingHandler } from "./ping.js";
import type { PingParts } from "./ping.js";
import { storeHandler } from "./store.js";
import type { StoreParts } from "./store.js";

/** What the Kademlia handlers use, together. */
export interface KademliaHandlerParts extends FindValueParts, StoreParts, PingParts {
  readonly identity: NodeIdentity | undefined;
  readonly broadcaster: Broadcaster;
}

/**
 * The dispatch table of the Kademlia requests (one handler file per type); the layers'
 * request types join it through the protocol registry.
 */
export function kademliaHandlers(parts: KademliaHandlerParts): Map<string, RequestHandler> {
  const table = new Map<string, RequestHandler>();
  const add = <M extends Parameters<RequestHandler>[0]>(type: string, handler: RequestHandler<M>): void => {
    table.set(type, handler as RequestHandler);
  };
  add("PING", pingHandler(parts));
  add("FIND_NODE", findNodeHandler(parts));
  add("FIND_VALUE", findValueHandler(parts));
  add("STORE", storeHandler(parts));
  add("BROADCAST", broadcastHandler(parts));
  return table;
}
