import type { Address, NodeId } from "@plexus/core";
import type { ProtocolHost, RequestBody } from "@plexus/node";
import { PUNCH_ATTEMPTS, PUNCH_INTERVAL_MS } from "../constants.js";

const PING = { type: "PING" } as const;

/**
 * One side of a hole punch (docs/protocol.md 13.3): sends `peer` a request (`body`: PING from
 * the requester, PUNCH from the target) up to PUNCH_ATTEMPTS times, one PUNCH_INTERVAL_MS
 * apart, to `current()` (the address the relay saw, or the one the peer's PUNCH came from once
 * it arrived). The first datagram out opens this side's NAT toward the peer; an answer proves
 * the path both ways. Resolves true on an answer from `peer`.
 * Each attempt is a request of its own without retries: the engine may skip an address it
 * remembers as unresponsive (a mapping that did not answer before the peer punched) until
 * the peer's own PING arrives, so a skipped attempt waits out its interval and tries again;
 * and a punch that fails does not mark the address unresponsive for others.
 */
export async function punch(host: ProtocolHost, peer: NodeId, address: Address, signal?: AbortSignal,
  body: RequestBody = PING, current: () => Address = () => address): Promise<boolean> {
  for (let attempt = 0; attempt < PUNCH_ATTEMPTS; attempt++) {
    const started = host.clock.now();
    const to = current();
    try {
      await host.request({ host: to.host, port: to.port }, body, peer, { timeoutMs: PUNCH_INTERVAL_MS, retries: 0, ...(signal ? { signal } : {}) });
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
