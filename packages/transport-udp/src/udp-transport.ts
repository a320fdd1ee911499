import type { RemoteInfo, Socket } from "node:dgram";
import { createSocket } from "node:dgram";
import type { Address, DatagramHandler, Log, Logger, Transport, TransportStats } from "@plexus/core";
import { PlexusError, addressKey, isIPv4, isIpLiteral } from "@plexus/core";
import { UDP_LOG, processLog } from "./log.js";
import { sendFromFreshPort } from "./fresh-port.js";
import type { SocketType } from "./address.js";
import { inferSocketType, isPort, normalizeHost, socketHost } from "./address.js";
import {
  DEFAULT_HOST,
  DEFAULT_MAX_DATAGRAM_BYTES,
  DEFAULT_RECEIVE_BUFFER_BYTES,
  UDP_MAX_PAYLOAD_BYTES,
} from "./constants.js";

/** Options of {@link createUdpTransport}. */
export interface UdpTransportOptions {
  /** IP literal to bind (no host names: nothing here does DNS). @default "127.0.0.1" */
  readonly host?: string;
  /** Port to bind; 0 lets the OS pick a free one. @default 0 */
  readonly port?: number;
  /**
   * Socket family. @default inferred from `host` ("udp6" for an IPv6 literal). A `udp6`
   * socket on an IPv4 host binds its IPv4-mapped address.
   */
  readonly type?: SocketType;
  /** Receive buffer to ask the OS for, best effort (the kernel may cap it). @default 4 MiB */
  readonly receiveBufferBytes?: number;
  /** Send buffer to ask the OS for, best effort. @default the OS default */
  readonly sendBufferBytes?: number;
  /** Largest datagram sent or handed to the handler, in bytes. @default 1232 */
  readonly maxDatagramBytes?: number;
  /**
   * Where the `plexus:udp` namespace logs (bound, closed, each dropped datagram with its
   * reason, socket errors). @default the `DEBUG`-driven stderr logger (`process.env.DEBUG`
   * read at creation)
   */
  readonly logger?: Logger;
}

/** Counters of a UDP transport: the {@link TransportStats} plus error detail. */
export interface UdpTransportStats extends TransportStats {
  /** Datagrams whose handler threw (also counted in `datagramsDropped`). */
  handlerErrors: number;
  /** Sends the OS rejected (also counted in `datagramsDropped`). */
  sendErrors: number;
  /** `'error'` events of the socket after binding. */
  socketErrors: number;
}

/** A {@link Transport} over a `node:dgram` socket. */
export interface UdpTransport extends Transport {
  /** The socket family. */
  readonly type: SocketType;
  /**
   * Receive buffer size the OS reports after `start()` (Linux reports twice the size
   * granted for its own bookkeeping), or `undefined` when not started.
   */
  readonly receiveBufferBytes: number | undefined;
  /** Send buffer size the OS reports after `start()`, or `undefined` when not started. */
  readonly sendBufferBytes: number | undefined;
  stats(): UdpTransportStats;
  /** One datagram from a new port of the bound host, opened for it and closed after (a dial-back, docs/protocol.md 10.10). */
  sendFromNewPort(to: Address, data: Uint8Array): void;
  /** Calls `stop()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

function invalid(message: string): PlexusError {
  return new PlexusError("ERR_INVALID_ARGUMENT", message);
}

function checkSize(name: string, value: number | undefined, max = Number.MAX_SAFE_INTEGER): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > max)) {
    throw invalid(`${name} must be an integer in 1..${max}, got ${value}`);
  }
}

/**
 * Makes a UDP transport (not yet bound: `start()` binds). IPv4 and IPv6; IPv4-mapped
 * IPv6 sources are reported as IPv4 in `from`. Oversized or unsendable datagrams and
 * handler failures are counted, never thrown; no exception escapes a socket callback.
 * @throws PlexusError `ERR_INVALID_ADDRESS` when `host` is not an IP literal;
 * `ERR_INVALID_ARGUMENT` for a bad port, size or a `udp4` type on an IPv6 host.
 */
export function createUdpTransport(options: UdpTransportOptions = {}): UdpTransport {
  const host = options.host ?? DEFAULT_HOST;
  if (!isIpLiteral(host)) {
    throw new PlexusError("ERR_INVALID_ADDRESS", `host must be an IP literal, got ${JSON.stringify(host)}`);
  }
  const port = options.port ?? 0;
  if (!isPort(port)) throw invalid(`port must be an integer in 0..65535, got ${String(port)}`);
  const type = options.type ?? inferSocketType(host);
  if (type === "udp4" && !isIPv4(host)) throw invalid(`a udp4 socket cannot bind ${host}`);
  checkSize("maxDatagramBytes", options.maxDatagramBytes, UDP_MAX_PAYLOAD_BYTES);
  checkSize("receiveBufferBytes", options.receiveBufferBytes);
  checkSize("sendBufferBytes", options.sendBufferBytes);
  return new UdpSocketTransport({
    host: type === "udp6" && isIPv4(host) ? `::ffff:${host}` : host,
    port,
    type,
    maxDatagramBytes: options.maxDatagramBytes ?? DEFAULT_MAX_DATAGRAM_BYTES,
    receiveBufferBytes: options.receiveBufferBytes ?? DEFAULT_RECEIVE_BUFFER_BYTES,
    sendBufferBytes: options.sendBufferBytes,
  }, options.logger ? options.logger.forComponent(UDP_LOG) : processLog());
}

interface Settings {
  host: string;
  port: number;
  type: SocketType;
  maxDatagramBytes: number;
  receiveBufferBytes: number;
  sendBufferBytes: number | undefined;
}

class UdpSocketTransport implements UdpTransport {
  readonly maxDatagramBytes: number;
  readonly type: SocketType;
  readonly #settings: Settings;
  readonly #log: Log;
  #socket: Socket | undefined;
  #address: Address | undefined;
  #starting: Promise<Address> | undefined;
  #closing: Promise<void> | undefined;
  #handler: DatagramHandler | undefined;
  #receiveBufferBytes: number | undefined;
  #sendBufferBytes: number | undefined;
  readonly #stats: UdpTransportStats = {
    datagramsSent: 0, datagramsReceived: 0, bytesSent: 0, bytesReceived: 0, datagramsDropped: 0,
    handlerErrors: 0, sendErrors: 0, socketErrors: 0,
  };

  constructor(settings: Settings, log: Log) {
    this.#settings = settings;
    this.#log = log;
    this.type = settings.type;
    this.maxDatagramBytes = settings.maxDatagramBytes;
  }

  get address(): Address | undefined {
    return this.#address;
  }

  get receiveBufferBytes(): number | undefined {
    return this.#address && this.#receiveBufferBytes;
  }

  get sendBufferBytes(): number | undefined {
    return this.#address && this.#sendBufferBytes;
  }

  onDatagram(handler: DatagramHandler | undefined): void {
    this.#handler = handler;
  }

  /** Binds the socket; concurrent calls share one bind (and the first call's signal). */
  start(options?: { signal?: AbortSignal }): Promise<Address> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#address) return Promise.resolve(this.#address);
    this.#starting ??= this.#bind(signal).finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  #bind(signal: AbortSignal | undefined): Promise<Address> {
    const { host, port, type } = this.#settings;
    return new Promise<Address>((resolve, reject) => {
      // A udp6 socket is dual-stack (IPv4 through mapped addresses), also where the OS default says otherwise.
      const socket = createSocket(type === "udp6" ? { type, ipv6Only: false } : { type });
      let done = false;
      const fail = (err: unknown): void => {
        if (done) return;
        done = true;
        signal?.removeEventListener("abort", onAbort);
        void closeSocket(socket); // queued by node:dgram until a pending bind completes
        reject(err);
      };
      const onAbort = (): void => fail(signal!.reason);
      // Before the bind completes an error fails the start; after it, it is only counted.
      socket.on("error", (err) => {
        if (done) {
          this.#stats.socketErrors++;
          if (this.#log.enabled) this.#log.warn("socket error", { error: err });
        }
        else fail(new PlexusError("ERR_TRANSPORT", `cannot bind ${host}:${port}: ${err.message}`, { cause: err }));
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        socket.bind({ port, address: host, exclusive: true }, () => {
          if (done) return;
          done = true;
          signal?.removeEventListener("abort", onAbort);
          socket.on("message", (msg: Buffer, rinfo: RemoteInfo) => this.#receive(socket, msg, rinfo));
          this.#applyBuffers(socket);
          const bound = socket.address();
          this.#socket = socket;
          this.#address = Object.freeze({ host: normalizeHost(bound.address), port: bound.port });
          resolve(this.#address);
        });
      } catch (err) {
        fail(new PlexusError("ERR_TRANSPORT", `cannot bind ${host}:${port}`, { cause: err }));
      }
    });
  }

  /** Best effort: ask for the buffer sizes, then record what the OS applied. */
  #applyBuffers(socket: Socket): void {
    const { receiveBufferBytes, sendBufferBytes } = this.#settings;
    try { socket.setRecvBufferSize(receiveBufferBytes); } catch { /* capped or refused: keep the default */ }
    if (sendBufferBytes !== undefined) {
      try { socket.setSendBufferSize(sendBufferBytes); } catch { /* as above */ }
    }
    try {
      this.#receiveBufferBytes = socket.getRecvBufferSize();
      this.#sendBufferBytes = socket.getSendBufferSize();
    } catch {
      this.#receiveBufferBytes = undefined;
      this.#sendBufferBytes = undefined;
    }
  }

  /** The socket's 'message' listener: counts, guards and never throws. */
  #receive(socket: Socket, msg: Buffer, rinfo: RemoteInfo): void {
    const stats = this.#stats;
    const handler = this.#handler;
    if (socket !== this.#socket || msg.length > this.maxDatagramBytes || handler === undefined) {
      stats.datagramsDropped++;
      if (this.#log.enabled) {
        const reason = msg.length > this.maxDatagramBytes ? "oversized" : "not receiving";
        this.#log.debug("dropped datagram", { reason, bytes: msg.length, from: `${rinfo.address}:${rinfo.port}` });
      }
      return;
    }
    stats.datagramsReceived++;
    stats.bytesReceived += msg.length;
    try {
      const data = new Uint8Array(msg.buffer, msg.byteOffset, msg.length);
      handler(data, { host: normalizeHost(rinfo.address), port: rinfo.port });
    } catch (error) {
      stats.handlerErrors++;
      stats.datagramsDropped++;
      if (this.#log.enabled) this.#log.debug("dropped datagram", { reason: "handler threw", error });
    }
  }

  readonly #afterSend = (err: Error | null): void => {
    if (err) {
      this.#stats.sendErrors++;
      this.#stats.datagramsDropped++;
      if (this.#log.enabled) this.#log.debug("send failed", { error: err });
    }
  };

  /**
   * Hands `data` to the OS. Do not modify `data` until the next event-loop turn: the
   * socket may queue it without copying. Unsendable datagrams are counted, never thrown.
   */
  send(to: Address, data: Uint8Array): void {
    const socket = this.#socket;
    const host = socket && data.length <= this.maxDatagramBytes ? socketHost(to, this.type) : undefined;
    if (socket === undefined || host === undefined) {
      this.#stats.datagramsDropped++;
      if (this.#log.enabled) {
        const reason = socket === undefined ? "not started" : data.length > this.maxDatagramBytes ? "oversized" : "address of the other family";
        this.#log.debug("dropped outgoing datagram", { reason, bytes: data.length, to: addressKey(to) });
      }
      return;
    }
    try {
      socket.send(data, to.port, host, this.#afterSend);
      this.#stats.datagramsSent++;
      this.#stats.bytesSent += data.length;
    } catch (error) {
      this.#stats.sendErrors++;
      this.#stats.datagramsDropped++;
      if (this.#log.enabled) this.#log.debug("send failed", { to: addressKey(to), error });
    }
  }

  /** Sockets of {@link sendFromNewPort} open now (at most MAX_FRESH_SOCKETS). */
  readonly #fresh = { count: 0 };

  /** One datagram from a new port of the bound host (fresh-port.ts); counted like `send`. */
  sendFromNewPort(to: Address, data: Uint8Array): void {
    if (this.#socket === undefined || data.length > this.maxDatagramBytes) {
      this.#stats.datagramsDropped++;
      return;
    }
    sendFromFreshPort(this.#settings.host, this.type, to, data, this.#fresh, (sent) => {
      if (sent) {
        this.#stats.datagramsSent++;
        this.#stats.bytesSent += data.length;
      } else {
        this.#stats.datagramsDropped++;
      }
    });
  }

  /** Closes the socket and resolves once it is closed; idempotent, waits for a pending start. */
  async stop(): Promise<void> {
    if (this.#starting) await this.#starting.catch(() => undefined);
    const socket = this.#socket;
    if (socket) {
      this.#socket = undefined;
      this.#address = undefined;
      this.#closing = closeSocket(socket).finally(() => {
        this.#closing = undefined;
      });
    }
    await this.#closing;
  }

  stats(): UdpTransportStats {
    return { ...this.#stats };
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

/** Resolves once `socket` is closed; never rejects (closing twice is harmless). */
function closeSocket(socket: Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
