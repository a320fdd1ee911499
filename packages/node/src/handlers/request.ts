import type { Address } from "@plexus/core";
import type { RequestDataMessage } from "@plexus/wire";
import type { NodeContext } from "../context.js";
import type { Realtime } from "../realtime/realtime.js";

/** REQUEST -> REPLY from the request handler, or ERROR NO_HANDLER / HANDLER_FAILED. */
export function handleRequest(ctx: NodeContext, realtime: Realtime, message: RequestDataMessage, from: Address): void {
  realtime.direct.onRequest(message, from, (answer) => ctx.reply(from, { ...answer, rid: message.rid, sender: ctx.self }));
}
