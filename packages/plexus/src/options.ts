import { assertCallOptions, parseAddress } from "@plexus/core";
import type { Address } from "@plexus/core";
import type { PutOptions } from "./types.js";

/** An endpoint as callers may give it: `{ host, port }` or `"host:port"` (`"[::1]:4000"`). */
export type AddressLike = Address | string;

/**
 * Checks the options argument (`ERR_INVALID_ARGUMENT`) and copies only the options that
 * are set (the engine's types use exact optional properties).
 */
export function callOptions(options: PutOptions | undefined): { signal?: AbortSignal; ttlMs?: number } {
  assertCallOptions(options);
  if (options === undefined) return {};
  const out: { signal?: AbortSignal; ttlMs?: number } = {};
  if (options.signal !== undefined) out.signal = options.signal;
  if (options.ttlMs !== undefined) out.ttlMs = options.ttlMs;
  return out;
}

/** `"localhost"` becomes `"127.0.0.1"` (the transport takes IP literals only, no DNS). */
export function normalizeAddress<A extends Address>(address: A): A {
  return address.host === "localhost" ? { ...address, host: "127.0.0.1" } : address;
}

/**
 * One endpoint or a list of them, checked and copied (see `parseAddress`).
 * @throws PlexusError `ERR_INVALID_ADDRESS`
 */
export function parseAddresses(to: AddressLike | readonly AddressLike[]): Address[] {
  return (Array.isArray(to) ? to as unknown[] : [to]).map((a) => parseAddress(a, "bootstrap address"));
}
