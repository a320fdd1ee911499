import { MessageType } from "@plexus/wire";
import type { MessageTypeName } from "@plexus/wire";
import type { MessageCounters } from "./types.js";

function counters(): MessageCounters {
  const out = {} as Record<MessageTypeName, number>;
  for (const name of Object.keys(MessageType) as MessageTypeName[]) out[name] = 0;
  return out;
}

/**
 * The mutable counters a node keeps; `NodeStats` is a snapshot of them plus live gauges.
 * Plain fields so that the hot path increments without lookups.
 */
export class Counters {
  readonly sent: MessageCounters = counters();
  readonly received: MessageCounters = counters();
  malformed = 0;
  wrongSource = 0;
  unmatched = 0;
  encodeErrors = 0;
  rpcTimeouts = 0;
  rpcRetries = 0;
  rpcRejected = 0;
  lookups = 0;
  broadcastsStarted = 0;
  broadcastsDelivered = 0;
  broadcastDuplicates = 0;
  /** Buckets whose contacts all failed a broadcast hop, repaired by a lookup into them. */
  broadcastRepairs = 0;
  storesAccepted = 0;
  storesRejected = 0;
  republished = 0;
  listenerErrors = 0;
}
