import type { ProtocolHost, RequestHandler } from "@plexus/node";
import type { Direct } from "../direct/direct.js";
import type { PunchAnswerer } from "../holepunch/punch-answerer.js";
import type { RelayServer } from "../relay/relay-server.js";
import type { Subscriptions } from "../topics/subscriptions.js";
import type { Topics } from "../topics/topics.js";
import { deliverHandler } from "./deliver.js";
import { directHandler } from "./direct.js";
import { publishHandler } from "./publish.js";
import { requestHandler } from "./request.js";
import { subscribeHandler } from "./subscribe.js";
import { connectHandler } from "./connect.js";
import { punchHandler } from "./punch.js";
import { relayHandler } from "./relay.js";
import { reserveHandler } from "./reserve.js";

/** The parts the realtime handlers serve. */
export interface RealtimeParts {
  readonly subscriptions: Subscriptions;
  readonly topics: Topics;
  readonly direct: Direct;
  readonly maxSubscriptionTtlMs: number;
  readonly relay: RelayServer;
  readonly punches: PunchAnswerer;
}

/** The dispatch table of the realtime requests (one handler file per type). */
export function realtimeHandlers(host: ProtocolHost, parts: RealtimeParts): Map<string, RequestHandler> {
  const table = new Map<string, RequestHandler>();
  const add = <M extends Parameters<RequestHandler>[0]>(type: string, handler: RequestHandler<M>): void => {
    table.set(type, handler as RequestHandler);
  };
  add("SUBSCRIBE", subscribeHandler(host, parts.topics, parts.maxSubscriptionTtlMs));
  add("PUBLISH", publishHandler(host, parts.topics));
  add("DELIVER", deliverHandler(host, parts.subscriptions));
  add("DIRECT", directHandler(host, parts.direct));
  add("REQUEST", requestHandler(host, parts.direct));
  add("RESERVE", reserveHandler(parts.relay));
  add("CONNECT", connectHandler(parts.relay));
  add("PUNCH", punchHandler(host, parts.punches));
  add("RELAY", relayHandler(parts.relay));
  return table;
}
