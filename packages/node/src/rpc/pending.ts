import type { Address, Cancel, NodeId } from "@plexus/core";
import type { KademliaResponseMessage as ResponseMessage } from "@plexus/wire";
import type { OutgoingMessage, RequestBody } from "./types.js";

/** Called with the reply of a {@link Rpc.call} and the call's `context`. */
export type OnRpcReply<C = unknown> = (message: ResponseMessage, from: Address, context: C) => void;
/** Called when a {@link Rpc.call} failed (timeout, abort, full queue, unencodable body), with the call's `context`. */
export type OnRpcError<C = unknown> = (err: unknown, context: C) => void;

/** A call in progress, for {@link Rpc.cancel}. Opaque. */
export interface RpcCall {
  readonly to: Address;
}

/** A request from {@link Rpc.call} to its end (internal to the rpc folder). */
export interface Pending extends RpcCall {
  readonly to: Address;
  readonly body: RequestBody;
  readonly expectId: NodeId | undefined;
  readonly signal: AbortSignal | undefined;
  /** Cleared (to no-ops) once done: see {@link Rpc} `#finish`. */
  resolve: OnRpcReply;
  reject: OnRpcError;
  /** Passed to `resolve` / `reject` (saves the caller a closure per request). */
  context: unknown;
  rid: number;
  /** The request as sent (encoded again for a retry). */
  message: OutgoingMessage | undefined;
  timeoutMs: number;
  retriesLeft: number;
  backoff: boolean;
  retried: boolean;
  /** True once a RETRY_WITH_TOKEN was answered by repeating the request (at most once). */
  tokenRetried: boolean;
  sentAt: number;
  cancelTimer: Cancel | undefined;
  readonly onBehalf: boolean;
  /** RpcOptions.through: a timeout blames no one at `to`. */
  readonly through: boolean;
  /** "queued" -> "pending" -> "done". */
  state: 0 | 1 | 2;
}

/** The callbacks a finished request is left with (its caller's are dropped, see Rpc). */
export const NO_REPLY: OnRpcReply = () => undefined;
export const NO_ERROR: OnRpcError = () => undefined;
