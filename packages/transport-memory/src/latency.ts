import type { Address, Random } from "@plexus/core";
import { PlexusError } from "@plexus/core";

/**
 * How long a simulated datagram takes, in milliseconds:
 * - a number: every datagram on every link takes exactly that long;
 * - `{ minMs, maxMs, jitterMs? }`: each link (unordered pair of addresses) gets a fixed base
 *   latency uniform in `[minMs, maxMs]`, derived from the network seed and the two
 *   addresses (no per-link state is stored), plus per-datagram jitter uniform in
 *   `[0, jitterMs)` drawn from the network's `Random` (default 0: no reordering on a link);
 * - `{ meanMs, jitterMs }`: every datagram takes `meanMs` plus jitter uniform in
 *   `[-jitterMs, +jitterMs]` (never below 0), drawn from the network's `Random`;
 * - a function: called once per datagram with the network's `Random`; negative results
 *   count as 0.
 */
export type LatencyModel =
  | number
  | { readonly minMs: number; readonly maxMs: number; readonly jitterMs?: number }
  | { readonly meanMs: number; readonly jitterMs: number }
  | ((random: Random) => number);

/** Samples latencies for one network: a link's base from a salted hash, jitter from `random`. */
export interface LatencySampler {
  /** Latency in ms for one datagram from `fromHash` to `toHash` (see {@link hashAddress}). */
  sample(fromHash: number, toHash: number): number;
}

/** murmur3's 32-bit finalizer: spreads every input bit over the output. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over `host:port`, seeded with `salt`, finalized: a 32-bit address hash. */
export function hashAddress(address: Address, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  const host = address.host;
  for (let i = 0; i < host.length; i++) h = Math.imul(h ^ host.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (address.port & 0xff), 0x01000193);
  h = Math.imul(h ^ (address.port >>> 8), 0x01000193);
  return fmix32(h);
}

/** A uniform float in [0, 1) for the unordered pair {a, b}: symmetric links. */
function linkUniform(a: number, b: number): number {
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  return fmix32((Math.imul(lo, 0x9e3779b1) ^ hi) >>> 0) / 4294967296;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new PlexusError("ERR_INVALID_ARGUMENT", `invalid latency model: ${what}`);
}

/**
 * Validates `model` and returns its sampler.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for negative or non-finite numbers, or min > max.
 */
export function latencySampler(model: LatencyModel, random: Random): LatencySampler {
  const fine = (n: number): boolean => Number.isFinite(n) && n >= 0;
  if (typeof model === "function") {
    return { sample: () => Math.max(0, model(random)) };
  }
  if (typeof model === "number") {
    check(fine(model), "latency must be a finite number >= 0");
    return { sample: () => model };
  }
  if ("meanMs" in model) {
    const { meanMs, jitterMs } = model;
    check(fine(meanMs) && fine(jitterMs), "meanMs and jitterMs must be finite and >= 0");
    return { sample: () => Math.max(0, meanMs + (random.next() * 2 - 1) * jitterMs) };
  }
  const { minMs, maxMs } = model;
  const jitterMs = model.jitterMs ?? 0;
  check(fine(minMs) && fine(maxMs) && minMs <= maxMs, "need 0 <= minMs <= maxMs");
  check(fine(jitterMs), "jitterMs must be finite and >= 0");
  const span = maxMs - minMs;
  return {
    sample(fromHash, toHash) {
      const base = minMs + linkUniform(fromHash, toHash) * span;
      return jitterMs > 0 ? base + random.next() * jitterMs : base;
    },
  };
}
