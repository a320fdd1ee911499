import { addressKey, toHex } from "@plexus/core";
import type { Logger } from "@plexus/core";
import { NAMESPACES, processLogger } from "@plexus/node";
import type { EventEmitter } from "node:events";
import type { NodeEventMap } from "../types.js";

/**
 * Logs a facade node's lifecycle to `plexus:node` (bound, joined, closed): the engine logs
 * its own parts under their namespaces. Listens only to events that never change behaviour
 * by being listened to (not `error`).
 */
export function logLifecycle(node: EventEmitter<NodeEventMap> & { readonly id: Uint8Array }, logger: Logger | undefined): void {
  const log = (logger ?? processLogger(toHex(node.id.subarray(0, 4)))).forComponent(NAMESPACES.node);
  if (!log.enabled) return;
  node.on("listening", (address) => log.info("listening", { address: addressKey(address) }));
  node.on("connect", () => log.info("connected"));
  node.on("close", () => log.info("closed"));
}
