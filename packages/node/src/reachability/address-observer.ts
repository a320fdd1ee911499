import { setNewest } from "@plexus/core";
import type { Address } from "@plexus/core";
import { subnetKey } from "../routing/subnet-limits.js";

/** What the observers agree on: this node's address as others see it, and how its NAT maps. */
export interface Observation {
  /** The agreed address: the host most observers report, with its most reported port. */
  readonly address: Address;
  /** Observers agree on the host but no port has a majority of them: a new mapping per destination. */
  readonly symmetric: boolean;
}

/**
 * Learns this node's address from what its peers observe (PONG key 9, docs/protocol.md 10.8),
 * trusting no single observer: an address counts once observers in `quorum` distinct subnets
 * (/24, /64) report its host. Each subnet has one vote, its latest report.
 * Bound: the latest `maxObservers` subnets (32 by default; insertion order, oldest dropped).
 */
export class AddressObserver {
  readonly #quorum: number;
  readonly #max: number;
  /** By observer subnet: the latest address it reported. Bound: `maxObservers`. Made on the first report. */
  #reports: Map<string, Address> | undefined;
  /** {@link agreed}'s answer until the next report (PINGs ask for it on every PONG). */
  #agreed: Observation | undefined | null = null;

  constructor(init: { readonly quorum: number; readonly maxObservers?: number }) {
    this.#quorum = init.quorum;
    this.#max = init.maxObservers ?? 32;
  }

  /** `observer` (whose address we proved by its reply) reports our address as `observed`. */
  observe(observer: Address, observed: Address): void {
    const subnet = subnetKey(observer.host);
    setNewest(this.#reports ??= new Map(), subnet, { host: observed.host, port: observed.port }, this.#max);
    this.#agreed = null;
  }

  /** Number of observer subnets heard. */
  get observers(): number {
    return this.#reports?.size ?? 0;
  }

  /** The agreed observation, or `undefined` while no host has `quorum` votes. */
  agreed(): Observation | undefined {
    if (this.#agreed === null) this.#agreed = this.#tally();
    return this.#agreed;
  }

  #tally(): Observation | undefined {
    const hosts = new Map<string, Map<number, number>>();
    for (const { host, port } of this.#reports?.values() ?? []) {
      const ports = hosts.get(host) ?? new Map<number, number>();
      ports.set(port, (ports.get(port) ?? 0) + 1);
      hosts.set(host, ports);
    }
    let best: { host: string; ports: Map<number, number>; votes: number } | undefined;
    for (const [host, ports] of hosts) {
      let votes = 0;
      for (const n of ports.values()) votes += n;
      if (!best || votes > best.votes) best = { host, ports, votes };
    }
    if (!best || best.votes < this.#quorum) return undefined;
    let port = 0, portVotes = -1;
    for (const [p, n] of best.ports) if (n > portVotes) { port = p; portVotes = n; }
    // Symmetric: no port has a majority of the host's votes (one stale report does not make it so).
    return { address: { host: best.host, port }, symmetric: best.ports.size > 1 && portVotes * 2 <= best.votes };
  }
}
