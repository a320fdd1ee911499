import { addressKey } from "@plexus/core";
import type { Address, Clock, DatagramHandler, Transport, TransportStats } from "@plexus/core";

/** What the NAT needs of a memory network (structurally `MemoryNetwork` of @plexus/transport-memory). */
export interface Network {
  readonly maxDatagramBytes: number;
  createTransport(options: { host: string; port: number }): Transport;
}

/**
 * How a simulated home router maps and filters (RFC 4787 terms):
 * - `cone`: endpoint-independent mapping (one public port for every destination), address-
 *   and-port-dependent filtering (Linux MASQUERADE with conntrack);
 * - `symmetric`: a new public port per destination (`--random-fully`), same filtering;
 * - `firewall`: no translation (the public address is the node's own), same filtering.
 */
export type NatKind = "cone" | "symmetric" | "firewall";

export interface NatInit {
  readonly kind: NatKind;
  /** The router's public host (the node's own host for `firewall`). */
  readonly publicHost: string;
  /** The host the node believes it binds (a private one behind a NAT). */
  readonly privateHost: string;
  /** How long an outbound datagram lets replies from that exact address in (conntrack's UDP timeout). */
  readonly udpTimeoutMs: number;
}

/** Mappings one router keeps; beyond it the oldest is closed. */
const MAX_MAPPINGS = 256;
const PRIVATE_PORT = 4000;

interface Mapping {
  readonly transport: Transport;
  /** Remote address key -> until when datagrams from it get in. Bound: the destinations sent to within the timeout (pruned per send). */
  readonly allowed: Map<string, number>;
}

/**
 * A node's transport behind an emulated NAT on a memory network: what it sends leaves from a
 * mapped public port, and a datagram arriving there gets in only from an address the node
 * sent to within `udpTimeoutMs` (refreshed by traffic both ways); everything else is dropped
 * and counted in `filtered`. Deterministic on the network's clock.
 */
export class NatTransport implements Transport {
  readonly maxDatagramBytes: number;
  readonly #network: Network;
  readonly #clock: Clock;
  readonly #init: NatInit;
  /** By destination key (`*` for cone and firewall). Bound: MAX_MAPPINGS. */
  readonly #mappings = new Map<string, Mapping>();
  #handler: DatagramHandler | undefined;
  #address: Address | undefined;
  /** Unsolicited datagrams the router dropped. */
  filtered = 0;

  constructor(network: Network, clock: Clock, init: NatInit) {
    this.#network = network;
    this.#clock = clock;
    this.#init = init;
    this.maxDatagramBytes = network.maxDatagramBytes;
  }

  get address(): Address | undefined {
    return this.#address;
  }

  onDatagram(handler: DatagramHandler | undefined): void {
    this.#handler = handler;
  }

  start(): Promise<Address> {
    this.#address ??= this.#init.kind === "firewall" ? { host: this.#init.publicHost, port: PRIVATE_PORT } : { host: this.#init.privateHost, port: PRIVATE_PORT };
    return Promise.resolve(this.#address);
  }

  send(to: Address, data: Uint8Array): void {
    if (!this.#address) return;
    const mapping = this.#mapping(this.#init.kind === "symmetric" ? addressKey(to) : "*");
    const now = this.#clock.now();
    for (const [key, until] of mapping.allowed) if (until <= now) mapping.allowed.delete(key);
    mapping.allowed.set(addressKey(to), now + this.#init.udpTimeoutMs);
    mapping.transport.send(to, data);
  }

  /** The router forgets every mapping (conntrack flushed): the next datagrams leave from new ports. */
  rebind(): void {
    for (const m of this.#mappings.values()) void m.transport.stop();
    this.#mappings.clear();
  }

  async stop(): Promise<void> {
    for (const m of this.#mappings.values()) await m.transport.stop();
    this.#mappings.clear();
    this.#address = undefined;
  }

  stats(): TransportStats {
    const total: TransportStats = { datagramsSent: 0, datagramsReceived: 0, bytesSent: 0, bytesReceived: 0, datagramsDropped: 0 };
    for (const m of this.#mappings.values()) {
      const s = m.transport.stats();
      for (const k of Object.keys(total) as (keyof TransportStats)[]) total[k] += s[k];
    }
    return total;
  }

  #mapping(key: string): Mapping {
    let mapping = this.#mappings.get(key);
    if (mapping) return mapping;
    const port = this.#init.kind === "firewall" ? PRIVATE_PORT : 0;
    const transport = this.#network.createTransport({ host: this.#init.publicHost, port });
    mapping = { transport, allowed: new Map() };
    const allowed = mapping.allowed;
    transport.onDatagram((data, from) => {
      const key = addressKey(from);
      const until = allowed.get(key);
      if (until === undefined || until <= this.#clock.now()) {
        this.filtered++;
        return;
      }
      allowed.set(key, this.#clock.now() + this.#init.udpTimeoutMs);
      this.#handler?.(data, from);
    });
    void transport.start();
    this.#mappings.set(key, mapping);
    if (this.#mappings.size > MAX_MAPPINGS) {
      const [oldest, m] = this.#mappings.entries().next().value!;
      this.#mappings.delete(oldest);
      void m.transport.stop();
    }
    return mapping;
  }
}
