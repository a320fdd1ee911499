import type { Address, Contact, Logger } from "@plexus/core";
import type { NodeIdentity, NodeInit, NodeStats } from "@plexus/node";
import type { RealtimeInit, RealtimeStats } from "@plexus/realtime";
import type { UdpTransportStats } from "@plexus/transport-udp";
import type { KeyLike } from "./key.js";
import type { ReplyFunction } from "./realtime.js";

/**
 * Options of `new Node()`: where to bind, plus any tunable of the protocol engine. As in
 * the engine, `verifyIdentities` is `true` by default: contacts enter the routing table
 * only after proving their id (docs/protocol.md 10.2).
 */
export interface NodeOptions extends NodeInit, RealtimeInit {
  /** IP literal to bind (no host names). @default "127.0.0.1" */
  readonly host?: string;
  /** UDP port to bind; 0 lets the OS pick a free one. @default 8080 */
  readonly port?: number;
  /**
   * This node's id: 32 bytes or 64 hex characters. Forced without `identity`, the node has
   * no key pair to prove it: peers that verify identities (the default) do not admit it.
   * @default SHA-256 of the identity's public key
   */
  readonly id?: Uint8Array | string;
  /**
   * Bind the socket right after construction (in a microtask), as the original library
   * did, so a node nobody calls still answers others. `false`: bind on first use or on
   * `listen()`. @default true
   */
  readonly autoListen?: boolean;
  /**
   * Directory of a persistent node: records live in LMDB there (`@plexus/storage/lmdb`),
   * with the identity key pair, the routing table and the publish list. A restart on the
   * same directory keeps its id, its records (expiry on wall time) and its publisher duty,
   * and rejoins through the saved contacts without a bootstrap node. Without it: an
   * in-memory store and a fresh identity. One node per directory.
   */
  readonly dataDir?: string;
  /**
   * This node's key pair (`createIdentity()` / `identityFromPrivateKey(bytes)` from
   * `@plexus/node`). @default the one saved in `dataDir`, else a fresh one
   */
  readonly identity?: NodeIdentity;
  /** With `dataDir`: how often the routing table is saved, in ms. @default 60_000 */
  readonly tableSaveIntervalMs?: number;
  /**
   * Where the node, its engine, its realtime layer and its socket log (namespaces
   * `plexus:node`, `plexus:rpc`, `plexus:lookup`, `plexus:routing`, `plexus:records`,
   * `plexus:broadcast`, `plexus:realtime`, `plexus:udp`). Any `{ forComponent(namespace) }`
   * returning `{ enabled, debug, info, warn, error }`: `createDebugLogger`, `silentLogger`,
   * or an adapter to pino or winston.
   * @default the namespaces named by `process.env.DEBUG` to stderr (`DEBUG=plexus:*`)
   */
  readonly logger?: Logger;
}

/** The last argument of every async method. */
export interface CallOptions {
  /** Aborts the call; it rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** Options of `put()` and `store()`. */
export interface PutOptions extends CallOptions {
  /** Time to live in ms. @default 24 h (the engine's `defaultTtlMs`) */
  readonly ttlMs?: number;
}

/** An item: a key and the value stored under it (decoded to the type it was stored as). */
export interface Item<V = unknown> {
  /** The 32-byte key. */
  readonly key: Uint8Array;
  readonly value: V;
}

/** What a store or put resolves to once the STOREs are answered. */
export interface StoredItem<V = unknown> extends Item<V> {
  /** Remote nodes that acknowledged the STORE. */
  readonly stored: number;
  /** Remote nodes that refused or did not answer. */
  readonly failed: number;
  /** True when this node is among the closest and holds the item itself. */
  readonly local: boolean;
}

/** Arguments of `store()` (the seed-style API). */
export interface StoreArgs<V = unknown> {
  /** Where to store it. @default SHA-256 of the encoded value */
  readonly key?: KeyLike;
  readonly value: V;
}

/** Arguments of `find()`. */
export interface FindArgs {
  readonly key: KeyLike;
}

/** Arguments of `broadcast()`. */
export interface BroadcastArgs {
  readonly data: unknown;
}

/** Events of a {@link Node}. */
export interface NodeEventMap {
  /** The socket is bound. */
  listening: [address: Address];
  /** `connect()` joined the network. */
  connect: [];
  /**
   * A call made without awaiting its promise failed, or binding failed. Emitted only when
   * someone listens: an unheard failure never crashes the process.
   */
  error: [error: Error];
  /** A broadcast from another node: the data as sent, and the origin's id in hex. */
  broadcast: [data: unknown, origin: string];
  /**
   * A direct message (`send`) from another node: the data as sent and the sender's hex id.
   * When a `request` arrives and no `onRequest` handler is set, `reply` answers it.
   */
  message: [data: unknown, from: string, reply?: ReplyFunction];
  /** A peer entered the routing table. */
  "contact:added": [contact: Contact];
  /** `close()` finished. */
  close: [];
}

/** Counters of a {@link Node}: the engine's, plus the UDP socket's under `transport`. */
export interface FacadeStats extends NodeStats, RealtimeStats {
  readonly transport: UdpTransportStats;
}
