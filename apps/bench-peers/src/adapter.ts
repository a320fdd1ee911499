/**
 * What each library under comparison provides to the shared workload. One adapter per
 * library; the workload (workload.ts) drives all of them the same way.
 */

/** A UDP address on loopback. */
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

/** One running node of a library, wrapped. */
export interface BenchNode {
  /** The node's id as the library's routing uses it (bytes), once joined. */
  id(): Uint8Array;
  /** Stores `value` (immutable where the library has it); resolves to the key to get it back. */
  put(value: Uint8Array, signal: AbortSignal): Promise<Uint8Array>;
  /** Fetches the value under `key` (`undefined` when not found), saying whether it came from this node's own store. */
  get(key: Uint8Array, signal: AbortSignal): Promise<GetOutcome>;
  /**
   * Closest-node lookup: the ids of the nodes found, closest first, or `undefined` when the
   * library's lookup gives no node list (it then only counts as completed or not).
   */
  lookup(target: Uint8Array, signal: AbortSignal): Promise<Uint8Array[] | undefined>;
  /** Stops the node and releases its socket. */
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
