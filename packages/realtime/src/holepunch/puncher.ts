import type { Address, NodeId } from "@plexus/core";
import type { ProtocolHost } from "@plexus/node";
import { PUNCH_ATTEMPTS, PUNCH_INTERVAL_MS } from "../constants.js";

const PING = { type: "PING" } as const;

/**
 * One side of a hole punch (docs/protocol.md 14.3): PINGs `peer` at `address` up to
 * PUNCH_ATTEMPTS times, PUNCH_INTERVAL_MS apart. The first PING out opens this side's NAT
 * toward the peer; a PONG back proves the path both ways. Resolves true on a PONG from `peer`.
 */
export async function punch(host: ProtocolHost, peer: NodeId, address: Address, signal?: AbortSignal): Promise<boolean> {
  try {
    await host.request({ host: address.host, port: address.port }, PING, peer,
      { timeoutMs: PUNCH_INTERVAL_MS, retries: PUNCH_ATTEMPTS - 1, backoff: false, ...(signal ? { signal } : {}) });
    return true;
  } catch {
    if (signal?.aborted) throw signal.reason;
    return false;
  }
}
