import type { Address } from "./address.js";

/** Cancels a timer made by {@link Clock.setTimeout}; calling it twice is harmless. */
export type Cancel = () => void;

/**
 * Source of time and timers. Everything that waits goes through a Clock so that
 * simulations run on a manual clock, deterministically. The system clock `unref()`s its
 * timers: a pending timeout never keeps a process alive.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin; never decreases. */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): Cancel;
}

/** Source of randomness. Seeded in tests and simulations; the same seed, the same run. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** `length` random bytes. */
  bytes(length: number): Uint8Array;
}

/** Receives each datagram a transport gets. Must not throw; transports guard anyway. */
export type DatagramHandler = (data: Uint8Array, from: Address) => void;

/** Counters every transport keeps. */
export interface TransportStats {
  datagramsSent: number;
  datagramsReceived: number;
  bytesSent: number;
  bytesReceived: number;
  /** Datagrams dropped before the handler: oversized, after close, handler threw, send failed. */
  datagramsDropped: number;
}

/**
 * Moves opaque datagrams between addresses (UDP or simulated). A transport never
 * interprets the bytes; `@plexus/node` decodes them with `@plexus/wire`.
 */
export interface Transport {
  /** Largest datagram `send` accepts and the handler ever sees, in bytes. */
  readonly maxDatagramBytes: number;
  /** The bound address once started, else `undefined`. */
  readonly address: Address | undefined;
  /** Sets (or clears) the receiver of incoming datagrams. */
  onDatagram(handler: DatagramHandler | undefined): void;
  /**
   * Binds and starts receiving; idempotent. Resolves to the bound address (port 0 asks
   * for any free port).
   */
  start(options?: { signal?: AbortSignal }): Promise<Address>;
  /**
   * Sends one datagram, fire-and-forget as UDP is: a datagram that cannot be sent (too
   * large, not started, OS error) is counted in `datagramsDropped`, never thrown. The
   * transport may still read `data` after `send` returns (Node's `dgram` does, until its
   * send callback), so the caller gives each datagram a buffer of its own.
   */
  send(to: Address, data: Uint8Array): void;
  /**
   * Optional: sends one datagram from a new source port of this host, opened for it and
   * closed after, so that the receiver has never sent to that source (a dial-back,
   * docs/protocol.md 10.10). Counted and never thrown, as `send`. A transport without it makes
   * the node send dial-backs from its own address.
   */
  sendFromNewPort?(to: Address, data: Uint8Array): void;
  /** Stops receiving and releases the socket; idempotent. */
  stop(): Promise<void>;
  /** A snapshot of the counters. */
  stats(): TransportStats;
}

/** One stored item as a RecordStore holds it. */
export interface StoredRecord {
  /** 32-byte key. */
  readonly key: Uint8Array;
  /** The value bytes (opaque to the store). */
  readonly value: Uint8Array;
  /** Node id of the original publisher, when known (republish duty, see Kademlia section 2.5). */
  readonly publisher?: Uint8Array;
  /** Clock time (ms) after which the record is gone. */
  readonly expiresAt: number;
  /** Clock time (ms) it was last stored or refreshed here. */
  readonly storedAt: number;
}

/** Storage for records, keyed by 32-byte keys. */
export interface RecordStore {
  /** Number of live records. */
  readonly size: number;
  /** Total bytes of live values. */
  readonly bytes: number;
  /** The live record for `key`, or `undefined` (expired records are never returned). */
  get(key: Uint8Array): StoredRecord | undefined;
  /**
   * Stores or replaces the record for `record.key`. Resolves once the record is durable
   * for this store (for a memory store: at once).
   * @throws PlexusError `ERR_STORE_FULL` or `ERR_VALUE_TOO_LARGE`
   */
  put(record: StoredRecord): Promise<void>;
  /** Removes `key`; resolves to whether it was there. */
  delete(key: Uint8Array): Promise<boolean>;
  /** Live records, for republishing. Safe against deletion during iteration. */
  entries(): IterableIterator<StoredRecord>;
  /** Releases resources; idempotent. */
  close(): Promise<void>;
}

/** Structured details of a log line (ids as hex, durations in ms). */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * One namespace's log (`plexus:rpc`, `plexus:lookup`, ...). Callers check `enabled` before
 * building fields, so a disabled log costs one property read.
 */
export interface Log {
  /** Whether `debug` writes anything. */
  readonly enabled: boolean;
  /** Protocol events: a lookup ended, a contact was evicted, a STORE was refused. */
  debug(message: string, fields?: LogFields): void;
  /** Lifecycle: started, joined, stopped. */
  info(message: string, fields?: LogFields): void;
  /** Something the operator should look at (a failed save, a failed join). */
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * Gives each part of a node its {@link Log} (as js-libp2p's `ComponentLogger`). Injected
 * as the `logger` component; the default writes the namespaces named by `DEBUG` to stderr.
 */
export interface Logger {
  /** The log of `namespace` (the full name, e.g. `plexus:rpc`). */
  forComponent(namespace: string): Log;
}
