import type { Address, DatagramHandler, Transport, TransportStats } from "@plexus/core";

/** Counters of one simulated transport: the {@link TransportStats} plus handler failures. */
export interface MemoryTransportStats extends TransportStats {
  /** Datagrams whose handler threw (also counted in `datagramsDropped`). */
  handlerErrors: number;
}

/** A {@link Transport} on a simulated network, made by `MemoryNetwork.createTransport`. */
export interface MemoryTransport extends Transport {
  stats(): MemoryTransportStats;
  /** Calls `stop()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** What a transport needs from its network (internal). */
export interface NetworkLink {
  readonly maxDatagramBytes: number;
  /**
   * Registers `transport` at `host:port` (port 0: any free port).
   * @throws PlexusError `ERR_TRANSPORT` when the address is taken or no port is free.
   */
  bind(transport: SimulatedTransport, host: string, port: number): Address;
  /** Removes the registration made by `bind`. */
  unbind(transport: SimulatedTransport): void;
  /**
   * Puts a datagram on the wire from a bound `transport`. The network copies the bytes it
   * schedules for delivery before it returns, so the caller may reuse `data` at once.
   */
  transmit(transport: SimulatedTransport, to: Address, data: Uint8Array): void;
}

/**
 * One endpoint on a simulated network. Sending hands the bytes to the network, which
 * copies them; the network calls {@link deliver} when they arrive.
 */
export class SimulatedTransport implements MemoryTransport {
  readonly maxDatagramBytes: number;
  readonly #network: NetworkLink;
  readonly #host: string;
  readonly #port: number;
  #address: Address | undefined;
  #handler: DatagramHandler | undefined;
  #stats: MemoryTransportStats = {
    datagramsSent: 0,
    datagramsReceived: 0,
    bytesSent: 0,
    bytesReceived: 0,
    datagramsDropped: 0,
    handlerErrors: 0,
  };
  /** Hash of the bound address, cached for latency sampling (set by the network on bind). */
  linkHash = 0;
  /** `addressKey` of the bound address, cached for the network's partition groups. */
  key = "";
  /** The network's number of this transport's current binding (0 while unbound). */
  binding = 0;

  constructor(network: NetworkLink, host: string, port: number) {
    this.#network = network;
    this.maxDatagramBytes = network.maxDatagramBytes;
    this.#host = host;
    this.#port = port;
  }

  get address(): Address | undefined {
    return this.#address;
  }

  onDatagram(handler: DatagramHandler | undefined): void {
    this.#handler = handler;
  }

  start(options?: { signal?: AbortSignal }): Promise<Address> {
    if (options?.signal?.aborted) return Promise.reject(options.signal.reason);
    try {
      this.#address ??= this.#network.bind(this, this.#host, this.#port);
      return Promise.resolve(this.#address);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  send(to: Address, data: Uint8Array): void {
    if (this.#address === undefined || data.length > this.maxDatagramBytes) {
      this.#stats.datagramsDropped++;
      return;
    }
    this.#stats.datagramsSent++;
    this.#stats.bytesSent += data.length;
    // A real network shares no memory: the network copies what it delivers, now.
    this.#network.transmit(this, to, data);
  }

  stop(): Promise<void> {
    if (this.#address !== undefined) {
      this.#network.unbind(this);
      this.#address = undefined;
    }
    return Promise.resolve();
  }

  stats(): MemoryTransportStats {
    return { ...this.#stats };
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** Called by the network when a datagram arrives; never throws. */
  deliver(data: Uint8Array, from: Address): void {
    const handler = this.#handler;
    if (this.#address === undefined || handler === undefined) {
      this.#stats.datagramsDropped++;
      return;
    }
    this.#stats.datagramsReceived++;
    this.#stats.bytesReceived += data.length;
    try {
      handler(data, from);
    } catch {
      this.#stats.handlerErrors++;
      this.#stats.datagramsDropped++;
    }
  }
}
