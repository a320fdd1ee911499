import { PlexusError, addressKey, assertCallOptions } from "@plexus/core";
import type { Address } from "@plexus/core";

/** A request got no reply in time (after its retries). Carries the peer and the timeout. */
export class RpcTimeoutError extends PlexusError {
  readonly peer: Address;
  readonly timeoutMs: number;

  constructor(peer: Address, timeoutMs: number) {
    super("ERR_RPC_TIMEOUT", `no reply from ${addressKey(peer)} within ${timeoutMs} ms`);
    this.name = "RpcTimeoutError";
    this.peer = peer;
    this.timeoutMs = timeoutMs;
  }
}

/** The peer answered with an ERROR message; `protocolCode` is the wire code (docs/protocol.md). */
export class RemoteError extends PlexusError {
  readonly protocolCode: number;

  constructor(protocolCode: number, message: string) {
    super("ERR_REMOTE", `peer replied with error ${protocolCode}: ${message}`);
    this.name = "RemoteError";
    this.protocolCode = protocolCode;
  }
}

/** The reason of an aborted signal, or a PlexusError `ERR_ABORTED` when it has none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new PlexusError("ERR_ABORTED", "aborted");
}

/** Throws the signal's reason when it is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/**
 * The first step of every public call: checks the options argument (`ERR_INVALID_ARGUMENT`
 * for `null`, a non-object or a `signal` that is not an AbortSignal), then throws the
 * signal's reason when it is already aborted.
 */
export function checkCall(options: { readonly signal?: AbortSignal | undefined } | undefined): void {
  assertCallOptions(options);
  throwIfAborted(options?.signal);
}
