import type { Address, NodeId } from "@plexus/core";

/** A decoded request as handlers receive it: its type, rid, sender and fields. */
export interface IncomingRequest {
  readonly type: string;
  readonly rid: number;
  readonly sender: NodeId;
}

/**
 * Serves one request type: reads or updates state and answers through the responder. Runs
 * on the datagram path: it must not throw (the engine counts what escapes as malformed).
 */
export type RequestHandler<M extends IncomingRequest = IncomingRequest> = (message: M, from: Address) => void;
