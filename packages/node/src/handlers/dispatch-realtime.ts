import type { Address } from "@plexus/core";
import type { Message, RealtimeRequestMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import type { Realtime } from "../realtime/realtime.js";
import { handleDeliver } from "./deliver.js";
import { handleDirect } from "./direct.js";
import { handlePublish } from "./publish.js";
import { handleRequest } from "./request.js";
import { handleSubscribe } from "./subscribe.js";

const REALTIME_REQUESTS: ReadonlySet<string> = new Set(["SUBSCRIBE", "PUBLISH", "DELIVER", "DIRECT", "REQUEST"]);
/** The realtime replies, which go to the RPC layer like every reply. */
export const REALTIME_RESPONSES: readonly string[] = ["SUBSCRIBED", "PUBLISHED", "REPLY"];

/** True for the realtime requests (topics, direct messages). */
export function isRealtimeRequest(message: Message): message is RealtimeRequestMessage {
  return REALTIME_REQUESTS.has(message.type);
}

/** Routes a decoded realtime request to its handler (one file per message type). */
export function dispatchRealtime(ctx: NodeContext, realtime: Realtime, message: RealtimeRequestMessage, from: Address): void {
  switch (message.type) {
    case "SUBSCRIBE": return handleSubscribe(ctx, realtime, message, from);
    case "PUBLISH": return handlePublish(ctx, realtime, message, from);
    case "DELIVER": return handleDeliver(ctx, realtime, message, from);
    case "DIRECT": return handleDirect(ctx, realtime, message, from);
    case "REQUEST": return handleRequest(ctx, realtime, message, from);
  }
}
