import type { MessageSpec } from "../codec/message-spec.js";
import { ackSpec, broadcastSpec } from "./broadcast.js";
import { errorSpec } from "./error.js";
import { findNodeSpec } from "./find-node.js";
import { findValueSpec, valueSpec } from "./find-value.js";
import type { KademliaMessage } from "./messages.js";
import { nodesSpec } from "./nodes.js";
import { pingSpec, pongSpec } from "./ping.js";
import { storedSpec, storeSpec } from "./store.js";

/**
 * The Kademlia message types (docs/protocol.md, section 4), in code order. Every codec
 * includes them; other packages add theirs next to them.
 */
export const kademliaMessages: readonly MessageSpec<KademliaMessage>[] = [
  pingSpec,
  pongSpec,
  findNodeSpec,
  nodesSpec,
  findValueSpec,
  valueSpec,
  storeSpec,
  storedSpec,
  broadcastSpec,
  ackSpec,
  errorSpec,
];
