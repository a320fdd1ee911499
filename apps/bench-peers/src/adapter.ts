/**
 * What each library under comparison provides to the shared workload. One adapter per
 * library; the workload (workload.ts, realtime-workload.ts) drives all of them the same way.
 */
import type { RealtimeNode } from "./realtime-node.js";

/** A UDP or TCP address on loopback. */
export interface LoopbackAddress {
  readonly host: string;
  readonly port: number;
}

/** What a get found, and where. */
export interface GetOutcome {
  readonly value: Uint8Array | undefined;
  /** Answered from the getter's own store, without a network lookup. */
  readonly local: boolean;
}

/** The kinds of work of the benchmark; a library may lack some (see {@link LibraryAdapter.lacks}). */
export type Capability = "join" | "store" | "lookup" | "topics" | "direct";

/** One running node of a library, wrapped. The optional parts are there when the library can do them. */
export interface BenchNode {
  /** The node's id as the library's routing uses it (bytes), once joined. */
  id(): Uint8Array;
  /** Stores `value` (immutable where the library has it); resolves to the key to get it back. */
  put?(value: Uint8Array, signal: AbortSignal): Promise<Uint8Array>;
  /** Fetches the value under `key` (`undefined` when not found), saying whether it came from this node's own store. */
  get?(key: Uint8Array, signal: AbortSignal): Promise<GetOutcome>;
  /**
   * Closest-node lookup: the ids of the nodes found, closest first, or `undefined` when the
   * library's lookup gives no node list (it then only counts as completed or not).
   */
  lookup?(target: Uint8Array, signal: AbortSignal): Promise<Uint8Array[] | undefined>;
  /** Topics and direct messages, where the library has them. */
  readonly realtime?: RealtimeNode;
  /** Stops the node and releases its sockets. */
  close(): Promise<void>;
}

/** A library: how to start the bootstrap node and the joining nodes. */
export interface LibraryAdapter {
  /** Name printed in the report. */
  readonly name: string;
  /** Bytes of a node id / key in this library (20 for BitTorrent's SHA-1, 32 otherwise). */
  readonly idBytes: number;
  /** What the lookup column measures for this library (shown in the report). */
  readonly lookupKind: string;
  /**
   * What the library does not do, with the word the table shows for it ("cannot": the
   * library has no such operation; other words say why it was not run) and why.
   */
  readonly lacks: Partial<Record<Capability, { readonly mark: string; readonly why: string }>>;
  /**
   * The point in id space a lookup for `target` converges on, when the library hashes
   * targets first (libp2p's Kademlia keys are SHA-256 of the key); identity otherwise.
   */
  routingKey?(target: Uint8Array): Uint8Array;
  /** Starts the bootstrap node (it contacts nobody) and returns it with its address. */
  startBootstrap(): Promise<{ node: BenchNode; address: LoopbackAddress }>;
  /** Starts a node that joins through `bootstrap`; resolves once it counts as joined. */
  join(bootstrap: LoopbackAddress, signal: AbortSignal): Promise<BenchNode>;
}

/** Rejects with `signal.reason` when the signal aborts before `promise` settles. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener("abort", onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener("abort", onAbort); reject(error as Error); },
    );
  });
}
