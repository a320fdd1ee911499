import type { Address, Logger } from "@plexus/core";
import type { HexContact } from "./hex-contact.js";
import type { NodeIdentity, NodeInit, NodeStats } from "@plexus/node";
import type { RealtimeInit, RealtimeStats } from "@plexus/realtime";
import type { UdpTransportStats } from "@plexus/transport-udp";
import type { ReplyFunction } from "./realtime.js";
import type { SeedOptions } from "./seed/options.js";
import type { SeedContact } from "./seed/types.js";

/**
 * Options of `new Node()`: where to bind, the original library's options (`peers`,
 * `expire`, `refresh`, `republish`, `replicate`, `capacity`), plus any tunable of the
 * protocol engine. As in
 * the engine, `verifyIdentities` is `true` by default: contacts enter the routing table
 * only after proving their id (docs/protocol.md 10.2).
 */
export interface NodeOptions extends NodeInit, RealtimeInit, SeedOptions {
  /** IP literal to bind (no host names). @default "127.0.0.1" */
  readonly host?: string;
  /** UDP port to bind; 0 lets the OS pick a free one. @default 8080 */
  readonly port?: number;
  /**
   * This node's id: 32 bytes or 64 hex characters, or a name (any other string, as the
   * original library allowed: `"alice"`). A name stands for a key pair derived from it, so
   * the node proves its id and `message({ id: "alice" })` / `find({ key: "alice", type:
   * "node" })` reach it; anyone who knows the name can claim it (docs/security.md, "Named
   * ids"). Bytes or hex forced without `identity` give the node no key pair to prove them:
   * peers that verify identities (the default) do not admit it.
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
   * in-memory store and a fresh identity. One node per directory: it is locked
   * (`plexus.lock`; a second node throws `ERR_DATA_DIR_LOCKED`). Needs the optional peer
   * dependency `lmdb` (`npm i lmdb`; else `ERR_LMDB_MISSING`).
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

/** Arguments of `broadcast()`. */
export interface BroadcastArgs {
  readonly data: unknown;
}

/** Events of a {@link Node}. */
export interface NodeEventMap {
  /** The socket is bound. */
  listening: [address: Address];
  /** The socket is bound and the node serves others (the original library's event). */
  ready: [];
  /** `connect()` reached a bootstrap node: its contact (before `connect`). */
  connected: [contact: SeedContact];
  /** `connect()` joined the network (the join is complete). */
  connect: [];
  /**
   * A seed-style call (`connect`, `store`, `broadcast`), the automatic bind or the
   * background rejoin failed. Without a listener, and when the caller did not handle the
   * call's promise either, the failure is a `PlexusWarning` process warning instead: never
   * silent, never a crash (README "Errors and listeners").
   */
  error: [error: Error];
  /** A broadcast from another node: the data as sent, and the origin's id in hex (events carry hex ids). */
  broadcast: [data: unknown, origin: string];
  /**
   * A direct message (`message()` or `send()`) from another node: the data as sent and the
   * sender (`{ id, host, port, name }`, the id in hex). When a `request` arrives and no
   * `onRequest` handler is set, `reply` answers it.
   */
  message: [data: unknown, sender: SeedContact, reply?: ReplyFunction];
  /** A peer entered the routing table: a frozen copy, its id in hex like every id an event carries. */
  "contact:added": [contact: HexContact];
  /** `close()` finished. */
  close: [];
}

/** Counters of a {@link Node}: the engine's, plus the UDP socket's under `transport`. */
export interface FacadeStats extends NodeStats, RealtimeStats {
  readonly transport: UdpTransportStats;
}
