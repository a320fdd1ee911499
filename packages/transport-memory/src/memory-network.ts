import type { Address, Clock, Random } from "@plexus/core";
import { PlexusError, addressKey } from "@plexus/core";
import {
  AUTO_HOST_LIMIT,
  COPY_SLAB_BYTES,
  DEFAULT_MAX_DATAGRAM_BYTES,
  EPHEMERAL_PORT_COUNT,
  EPHEMERAL_PORT_FIRST,
  HEAP_COPY_MAX_BYTES,
  SLAB_COPY_MAX_BYTES,
  UDP_MAX_PAYLOAD_BYTES,
} from "./constants.js";
import type { LatencyModel, LatencySampler } from "./latency.js";
import { hashAddress, latencySampler } from "./latency.js";
import type { MemoryTransport, NetworkLink } from "./memory-transport.js";
import { SimulatedTransport } from "./memory-transport.js";

/** Options of {@link createMemoryNetwork}. */
export interface MemoryNetworkOptions {
  /**
   * Schedules every delivery with its `setTimeout`; a `ManualClock` makes the network a
   * discrete-event simulation.
   */
  readonly clock: Clock;
  /** Drives loss, jitter and the per-link latency salt; seeded, the same run every time. */
  readonly random: Random;
  /** Delivery delay. @default 0 (delivered on the next clock event) */
  readonly latency?: LatencyModel;
  /** Probability in [0, 1] that a datagram is lost. @default 0 */
  readonly loss?: number;
  /** Largest datagram a transport sends, in bytes. @default 1232 */
  readonly maxDatagramBytes?: number;
}

/** Counters of a whole simulated network. */
export interface MemoryNetworkStats {
  /** Transports currently bound. */
  transports: number;
  /** Datagrams put on the wire by bound transports. */
  sent: number;
  /** Datagrams handed to a bound receiver. */
  delivered: number;
  /** Datagrams lost to the random loss rate. */
  lost: number;
  /** Datagrams dropped by the network: `partitioned + unreachable`. */
  dropped: number;
  /** Datagrams dropped because sender and receiver were in different partition groups. */
  partitioned: number;
  /** Datagrams sent to an address where no transport was bound (at send or arrival). */
  unreachable: number;
  /** Datagrams scheduled and not yet arrived. */
  inFlight: number;
}

/** A simulated datagram network. Deterministic for a given clock and seed. */
export interface MemoryNetwork {
  /** Largest datagram any of its transports sends, in bytes. */
  readonly maxDatagramBytes: number;
  /**
   * Makes a transport (not yet started). Without `host` it gets its own 127.a.b.c
   * loopback address (127.0.0.1 for the first, then 127.0.0.2, ...); port 0 or no port
   * binds any free port in 49152..65535 at `start()`.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` for a port outside 0..65535, or when the
   * 2^24 auto-assigned hosts run out.
   */
  createTransport(options?: { host?: string; port?: number }): MemoryTransport;
  /**
   * Splits the network: datagrams sent between addresses of different groups are
   * dropped (checked at send time). Addresses in no group form one more group together.
   * Replaces any earlier partition.
   */
  partition(groups: readonly (readonly Address[])[]): void;
  /** Removes the partition. */
  heal(): void;
  /**
   * Changes the loss probability for datagrams sent from now on.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` unless 0 <= loss <= 1.
   */
  setLoss(loss: number): void;
  /** A snapshot of the counters. */
  stats(): MemoryNetworkStats;
}

function checkLoss(loss: number): number {
  if (!(loss >= 0 && loss <= 1)) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `loss must be in [0, 1], got ${loss}`);
  }
  return loss;
}

function checkMaxDatagram(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > UDP_MAX_PAYLOAD_BYTES) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `maxDatagramBytes must be 1..${UDP_MAX_PAYLOAD_BYTES}`);
  }
  return bytes;
}

/** 127.a.b.c for the n-th auto-assigned host (n >= 1). */
function autoHost(n: number): string {
  return `127.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

class Network implements MemoryNetwork, NetworkLink {
  readonly maxDatagramBytes: number;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #latency: LatencySampler;
  readonly #salt: number;
  #loss: number;
  /**
   * Bound transports by host: the transport itself while it is the host's only one (a
   * simulation's usual case: one lookup per datagram, no map per host), else a map by port.
   * No key string is built per datagram. Bound: one entry per started transport.
   */
  readonly #bound = new Map<string, SimulatedTransport | Map<number, SimulatedTransport>>();
  /** Number of `bind`s so far: each binding's {@link SimulatedTransport.binding}. */
  #bindings = 0;
  /** Partition group per `addressKey`; bound: the addresses passed to `partition`. */
  #groups: Map<string, number> | undefined;
  #hostsAssigned = 0;
  #nextPort = 0;
  /**
   * Where mid-sized datagrams are copied (a view each, no buffer of their own); a new slab
   * when it is full. Bound: COPY_SLAB_BYTES each, kept alive by the views still referenced.
   */
  #slab = new Uint8Array(COPY_SLAB_BYTES);
  #slabUsed = 0;
  readonly #stats: MemoryNetworkStats = {
    transports: 0, sent: 0, delivered: 0, lost: 0, dropped: 0, partitioned: 0, unreachable: 0, inFlight: 0,
  };

  constructor(options: MemoryNetworkOptions) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#loss = checkLoss(options.loss ?? 0);
    this.maxDatagramBytes = checkMaxDatagram(options.maxDatagramBytes ?? DEFAULT_MAX_DATAGRAM_BYTES);
    this.#latency = latencySampler(options.latency ?? 0, options.random);
    this.#salt = options.random.int(0x1_0000_0000);
  }

  createTransport(options: { host?: string; port?: number } = {}): MemoryTransport {
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new PlexusError("ERR_INVALID_ARGUMENT", `port must be 0..65535, got ${port}`);
    }
    let host = options.host;
    if (host === undefined) {
      if (this.#hostsAssigned >= AUTO_HOST_LIMIT) {
        throw new PlexusError("ERR_INVALID_ARGUMENT", "out of auto-assigned 127.0.0.0/8 hosts");
      }
      host = autoHost(++this.#hostsAssigned);
    }
    return new SimulatedTransport(this, host, port);
  }

  bind(transport: SimulatedTransport, host: string, port: number): Address {
    let address: Address | undefined;
    if (port !== 0) {
      address = { host, port };
      if (this.#receiver(host, port) !== undefined) address = undefined;
    } else {
      // Bounded scan of the dynamic range; with auto-assigned hosts the first try is free.
      for (let i = 0; i < EPHEMERAL_PORT_COUNT && address === undefined; i++) {
        const candidate = { host, port: EPHEMERAL_PORT_FIRST + this.#nextPort };
        this.#nextPort = (this.#nextPort + 1) % EPHEMERAL_PORT_COUNT;
        if (this.#receiver(host, candidate.port) === undefined) address = candidate;
      }
    }
    if (address === undefined) {
      throw new PlexusError("ERR_TRANSPORT", `address in use: ${addressKey({ host, port })}`);
    }
    Object.freeze(address);
    transport.key = addressKey(address);
    transport.linkHash = hashAddress(address, this.#salt);
    transport.binding = ++this.#bindings;
    const entry = this.#bound.get(host);
    if (entry === undefined) this.#bound.set(host, transport);
    else if (entry instanceof Map) entry.set(address.port, transport);
    else this.#bound.set(host, new Map([[entry.address!.port, entry], [address.port, transport]]));
    this.#stats.transports++;
    return address;
  }

  unbind(transport: SimulatedTransport): void {
    const { host, port } = transport.address!;
    const entry = this.#bound.get(host);
    if (entry === transport) this.#bound.delete(host);
    else if (entry instanceof Map && entry.get(port) === transport) {
      entry.delete(port);
      if (entry.size === 1) this.#bound.set(host, entry.values().next().value!);
    } else return;
    transport.binding = 0;
    this.#stats.transports--;
  }

  transmit(sender: SimulatedTransport, to: Address, data: Uint8Array): void {
    const stats = this.#stats;
    stats.sent++;
    if (this.#groups && (this.#groups.get(sender.key) ?? -1) !== (this.#groups.get(addressKey(to)) ?? -1)) {
      stats.partitioned++;
      stats.dropped++;
      return;
    }
    if (this.#loss > 0 && this.#random.next() < this.#loss) {
      stats.lost++;
      return;
    }
    const { host, port } = to;
    const receiver = this.#receiver(host, port);
    if (receiver === undefined) {
      stats.unreachable++;
      stats.dropped++;
      return;
    }
    const delayMs = this.#latency.sample(sender.linkHash, receiver.linkHash);
    stats.inFlight++;
    const copy = this.#copy(data);
    const from = sender.address!;
    const binding = receiver.binding;
    this.#clock.setTimeout(() => this.#arrive(receiver, binding, host, port, copy, from), delayMs);
  }

  /** The transport bound to `host`:`port`, if any. */
  #receiver(host: string, port: number): SimulatedTransport | undefined {
    const entry = this.#bound.get(host);
    if (entry === undefined || entry instanceof Map) return entry?.get(port);
    return entry.address!.port === port ? entry : undefined;
  }

  /**
   * Hands a datagram over at its arrival time, to whoever is bound at `host:port` then:
   * `sentTo`, found there at the send, while that `binding` lasts (no second lookup).
   */
  #arrive(sentTo: SimulatedTransport, binding: number, host: string, port: number, data: Uint8Array, from: Address): void {
    const stats = this.#stats;
    stats.inFlight--;
    const receiver = sentTo.binding === binding ? sentTo : this.#receiver(host, port);
    if (receiver === undefined) {
      stats.unreachable++;
      stats.dropped++;
      return;
    }
    stats.delivered++;
    receiver.deliver(data, from);
  }

  /**
   * A private copy of `data` for the receiver (a real network shares no memory), always a
   * plain `Uint8Array`. Mid-sized ones are views into this network's current slab, so the
   * receiver must respect `byteOffset` if it reads `.buffer` (the README's "Performance
   * notes" say why a slab).
   */
  #copy(data: Uint8Array): Uint8Array {
    const n = data.length;
    if (n <= HEAP_COPY_MAX_BYTES || n > SLAB_COPY_MAX_BYTES) return new Uint8Array(data);
    if (this.#slabUsed + n > COPY_SLAB_BYTES) {
      this.#slab = new Uint8Array(COPY_SLAB_BYTES);
      this.#slabUsed = 0;
    }
    const copy = this.#slab.subarray(this.#slabUsed, this.#slabUsed + n);
    copy.set(data);
    this.#slabUsed += n;
    return copy;
  }

  partition(groups: readonly (readonly Address[])[]): void {
    const map = new Map<string, number>();
    groups.forEach((group, i) => {
      for (const address of group) map.set(addressKey(address), i);
    });
    this.#groups = map;
  }

  heal(): void {
    this.#groups = undefined;
  }

  setLoss(loss: number): void {
    this.#loss = checkLoss(loss);
  }

  stats(): MemoryNetworkStats {
    return { ...this.#stats };
  }
}

/**
 * Makes a simulated datagram network on `clock` and `random`: latency, loss and
 * partitions, all seeded, so the same seed gives the same delivery trace. Sending is
 * O(1) (a map lookup by host; by port too where a host has several), so a simulation can hold 100,000 transports
 * on one network.
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for a bad loss, latency model or size.
 */
export function createMemoryNetwork(options: MemoryNetworkOptions): MemoryNetwork {
  return new Network(options);
}
