import { silentLog, silentLogger, toHex } from "@plexus/core";
import type { Log, Logger, NodeId } from "@plexus/core";
import { processLogger } from "../platform/process-logger.js";

/** The engine's logs, one per namespace, made once per node (a few objects). */
export interface NodeLogs {
  /** What the engine and its layers log through (the `logger` component, or the DEBUG-driven default). */
  readonly logger: Logger;
  /**
   * `plexus:rpc`: request timeouts, retries with a token, and the datagram path's drops
   * (malformed, unhandled, rate limited; replies the defences dropped).
   */
  readonly rpc: Log;
  /** `plexus:lookup`: each iterative lookup's start and end (rounds, contacted, duration). */
  readonly lookup: Log;
  /** `plexus:routing`: join start/end/failure, contacts added and removed. */
  readonly routing: Log;
  /** `plexus:records`: STOREs stored and refused (with the protocol code). */
  readonly records: Log;
  /** `plexus:broadcast`: broadcasts sent, delivered and refused. */
  readonly broadcast: Log;
  /** `plexus:node`: started, stopped (the facade logs its own lifecycle here too). */
  readonly node: Log;
}

/** The engine's namespaces. */
export const NAMESPACES = Object.freeze({
  rpc: "plexus:rpc", lookup: "plexus:lookup", routing: "plexus:routing", records: "plexus:records",
  broadcast: "plexus:broadcast", node: "plexus:node",
} as const);

/** Every namespace silent: shared by the nodes that log nothing (without `DEBUG`), so they hold no logs of their own. */
const SILENT_LOGS: NodeLogs = Object.freeze({
  logger: silentLogger, rpc: silentLog, lookup: silentLog, routing: silentLog, records: silentLog, broadcast: silentLog, node: silentLog,
});

/** The logs of node `id`: from `logger`, or from `DEBUG` labelled with the id's first 8 hex digits. */
export function nodeLogs(id: NodeId, logger: Logger | undefined): NodeLogs {
  const from = logger ?? processLogger(toHex(id.subarray(0, 4)));
  if (from === silentLogger) return SILENT_LOGS;
  return {
    logger: from,
    rpc: from.forComponent(NAMESPACES.rpc), lookup: from.forComponent(NAMESPACES.lookup),
    routing: from.forComponent(NAMESPACES.routing), records: from.forComponent(NAMESPACES.records),
    broadcast: from.forComponent(NAMESPACES.broadcast), node: from.forComponent(NAMESPACES.node),
  };
}
