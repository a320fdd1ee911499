import type { Address } from "@plexus/core";
import type { RequestMessage } from "@plexus/wire";
import type { Broadcaster } from "../broadcast.js";
import type { NodeContext } from "../context.js";
import { handleBroadcast } from "./broadcast.js";
import { handleFindNode } from "./find-node.js";
import { handleFindValue } from "./find-value.js";
import { handlePing } from "./ping.js";
import { handleStore } from "./store.js";

/** Routes a decoded request to its handler (one file per message type). */
export function dispatchRequest(ctx: NodeContext, broadcaster: Broadcaster, message: RequestMessage, from: Address): void {
  switch (message.type) {
    case "PING": return handlePing(ctx, message, from);
    case "FIND_NODE": return handleFindNode(ctx, message, from);
    case "FIND_VALUE": return handleFindValue(ctx, message, from);
    case "STORE": return handleStore(ctx, message, from);
    case "BROADCAST": return handleBroadcast(ctx, broadcaster, message, from);
  }
}
