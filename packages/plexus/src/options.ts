import type { Address } from "@plexus/core";
import type { PutOptions } from "./types.js";

/** Copies only the options that are set (the engine's types use exact optional properties). */
export function callOptions(options: PutOptions): { signal?: AbortSignal; ttlMs?: number } {
  const out: { signal?: AbortSignal; ttlMs?: number } = {};
  if (options.signal !== undefined) out.signal = options.signal;
  if (options.ttlMs !== undefined) out.ttlMs = options.ttlMs;
  return out;
}

/** `"localhost"` becomes `"127.0.0.1"` (the transport takes IP literals only, no DNS). */
export function normalizeAddress<A extends Address>(address: A): A {
  return address.host === "localhost" ? { ...address, host: "127.0.0.1" } : address;
}

/** {@link normalizeAddress} over one address or a list. */
export function normalizeAddresses(to: Address | readonly Address[]): Address | Address[] {
  return Array.isArray(to) ? to.map(normalizeAddress) : normalizeAddress(to as Address);
}
