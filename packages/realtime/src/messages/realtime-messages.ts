import type { MessageSpec } from "@plexus/wire";
import { deliverSpec } from "./deliver.js";
import { directSpec, requestSpec } from "./direct.js";
import type { RealtimeMessage } from "./messages.js";
import { publishedSpec, publishSpec } from "./publish.js";
import { replySpec } from "./reply.js";
import { connectedSpec, connectSpec, punchSpec, relaySpec, reservedSpec, reserveSpec } from "./relay.js";
import { subscribedSpec, subscribeSpec } from "./subscribe.js";

/**
 * The realtime message types (docs/protocol.md, section 12), for
 * `createCodec({ messages: realtimeMessages })`.
 */
export const realtimeMessages: readonly MessageSpec<RealtimeMessage>[] = [
  subscribeSpec,
  subscribedSpec,
  publishSpec,
  publishedSpec,
  deliverSpec,
  directSpec,
  requestSpec,
  replySpec,
  reserveSpec,
  reservedSpec,
  connectSpec,
  connectedSpec,
  punchSpec,
  relaySpec,
];
