import { PlexusError, toHex } from "@plexus/core";
import type { NodeId } from "@plexus/core";

/** JS error codes the realtime calls add to `PlexusErrorCode`. */
export type RealtimeErrorCode = "ERR_UNREACHABLE";

/** A lookup did not find node `target` (it is offline or never existed), or no rendezvous answered. */
export class UnreachableError extends PlexusError<RealtimeErrorCode> {
  /** The id that could not be reached. */
  readonly target: NodeId;

  constructor(target: NodeId, message?: string) {
    super("ERR_UNREACHABLE", message ?? `node ${toHex(target).slice(0, 16)}… not found on the network`);
    this.name = "UnreachableError";
    this.target = target;
  }
}
