import type { Address, NodeId } from "@plexus/core";
import type { ProtocolHost } from "@plexus/node";
import { PUNCH_ATTEMPTS, PUNCH_INTERVAL_MS } from "../constants.js";

const PING = { type: "PING" } as const;

/**
 * One side of a hole punch (docs/protocol.md 14.3): PINGs `peer` at `address` up to
 * PUNCH_ATTEMPTS times, one PUNCH_INTERVAL_MS apart. The first PING out opens this side's NAT
 * toward the peer; a PONG back proves the path both ways. Resolves true on a PONG from `peer`.
 * Each attempt is a request of its own without retries: the engine may skip an address it
 * remembers as unresponsive (a mapping that did not answer before the peer punched) until
 * the peer's own PING arrives, so a skipped attempt waits out its interval and tries again;
 * and a punch that fails does not mark the address unresponsive for others.
 */
export async function punch(host: ProtocolHost, peer: NodeId, address: Address, signal?: AbortSignal): Promise<boolean> {
  const to = { host: address.host, port: address.port };
  for (let attempt = 0; attempt < PUNCH_ATTEMPTS; attempt++) {
    const started = host.clock.now();
    try {
      await host.request(to, PING, peer, { timeoutMs: PUNCH_INTERVAL_MS, retries: 0, ...(signal ? { signal } : {}) });
      return true;
    } catch {
      if (signal?.aborted) throw signal.reason;
    }
    const left = PUNCH_INTERVAL_MS - (host.clock.now() - started);
    if (left > 0 && attempt + 1 < PUNCH_ATTEMPTS) await wait(host, left, signal);
  }
  return false;
}

/** Resolves after `ms` of the host's clock (early when `signal` aborts). */
function wait(host: ProtocolHost, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const cancel = host.clock.setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = (): void => {
      cancel();
      resolve();
    };
    signal?.addEventListener("abort", stop, { once: true });
  });
}
