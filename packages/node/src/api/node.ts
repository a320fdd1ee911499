import type { EventEmitter } from "node:events";
import type { Address, Contact, NodeId, RoutingTable } from "@plexus/core";
import type { BroadcastEvent, BroadcastOptions, BroadcastResult } from "../broadcast/types.js";
import type { NodeIdentity } from "../identity/identity.js";
import type { Protocol, ProtocolFactory } from "../protocols/types.js";
import type { GetEvent, GetResult, LookupEvent, LookupOptions, LookupResult, PutEvent, PutOptions, PutResult } from "../query/types.js";
import type { RouteCacheOptions } from "../query/route-cache.js";
import type { OneHopOptions } from "../routing/full-table.js";
import type { MutableRecord } from "../records/mutable-record.js";
import type { GetMutableOptions, MutablePutInput, MutablePutResult } from "../records/types.js";
import type { NodeStats } from "../stats/node-stats.js";
import type { CallOptions } from "./call-options.js";

export type { NodeComponents } from "./components.js";

/** Tunables of the protocol engine (layers such as @plexus/realtime take their own). Every field is optional; defaults suit real UDP. */
export interface NodeInit {
  /** Bucket size and replication factor (paper 2.2). @default 20 */
  readonly k?: number;
  /** Lookup parallelism (paper 2.3). @default 3 */
  readonly alpha?: number;
  /** Replacement cache per bucket (paper 4.1). @default 8 */
  readonly replacementCacheSize?: number;
  /**
   * Most contacts of one subnet (IPv4 /24, IPv6 /64) a bucket may hold, so that one
   * operator cannot own a bucket (S/Kademlia 4.2, BEP 42, libp2p's post-eclipse limits).
   * Loopback addresses are exempt (they are this host). `Infinity` turns it off. @default 2
   */
  readonly maxContactsPerSubnetPerBucket?: number;
  /** Most contacts of one subnet in the whole routing table (see above). @default 10 */
  readonly maxContactsPerSubnet?: number;
  /**
   * Requests handled per second from one subnet (IPv4 /24, IPv6 /64; loopback exempt),
   * with a burst of twice that; the rest are dropped unanswered (`stats().requestsLimited`).
   * `Infinity` turns it off. @default 100
   */
  readonly maxRequestsPerSubnetPerSecond?: number;
  /**
   * Reply bytes sent per second toward one subnet, with a burst of twice that: bounds what a
   * spoofed source can make this node reflect at a victim (`stats().repliesLimited`).
   * `Infinity` turns it off. @default 131072
   */
  readonly maxReplyBytesPerSubnetPerSecond?: number;
  /**
   * Longest time a request waits for its reply, per attempt, in ms: the timeout before any
   * round trip was measured and the cap of the adaptive one. @default 1000
   */
  readonly requestTimeoutMs?: number;
  /**
   * Floor of the adaptive request timeout (RFC 6298 RTO: smoothed RTT + 4x its variance,
   * clamped to [minRequestTimeoutMs, requestTimeoutMs]). Set it to `requestTimeoutMs` for a
   * fixed timeout. @default 100
   */
  readonly minRequestTimeoutMs?: number;
  /** Extra attempts of a timed-out PING/STORE/BROADCAST (lookups never retry: they ask someone else). @default 1 */
  readonly requestRetries?: number;
  /**
   * After this long without a reply, a lookup stops counting a request against `alpha` and
   * asks the next candidate (the request stays open until its timeout).
   * @default adaptive: 3x the smoothed round-trip time, clamped to [5 ms, requestTimeoutMs]
   */
  readonly lookupStallMs?: number;
  /**
   * Deadline of every iterative lookup (findNode, get, put's lookup, join, bucket refresh), in
   * ms of the injected clock: past it the lookup sends nothing more and ends with what it has
   * (the closest that answered so far; a get without a value resolves not found, with
   * `timedOut: true`). What it bounds: a responder that keeps listing new fake contacts
   * keeps a lookup asking (stats().lookupTimeouts counts the lookups it ended). discv5 and
   * rust-libp2p's Kademlia stop a query at 60 s; bittorrent-dht, dht-rpc and the `mainline`
   * crate set no deadline. `Infinity`: none. @default 15000
   */
  readonly lookupTimeoutMs?: number;
  /** Most requests awaiting replies at once. @default 256 */
  readonly maxInFlightRequests?: number;
  /** Most requests queued behind the in-flight cap; more fail with ERR_TOO_MANY_REQUESTS. @default 4096 */
  readonly maxQueuedRequests?: number;
  /** Rounds of pinging the bootstrap addresses before ERR_JOIN_FAILED. @default 5 */
  readonly joinAttempts?: number;
  /** Wait before the second join round, doubling each round (capped at 8x). @default 250 */
  readonly joinBackoffMs?: number;
  /**
   * `join()` resolves only once the buckets farther than the closest neighbour were probed
   * too. Off: it resolves after the self lookup (the node is usable: its near buckets are
   * full and its neighbours know it) and the far buckets fill in the background, as
   * bittorrent-dht, dht-rpc and js-libp2p resolve their bootstrap; that saves a join two
   * round trips. The one-hop mode always waits (and then sweeps the id space). @default false
   */
  readonly joinWaitsForFarBuckets?: boolean;
  /** Refresh (look up a random id in) a bucket with no lookup for this long (paper 2.3). @default 3_600_000 */
  readonly refreshIntervalMs?: number;
  /** Ping contacts not heard from for this long, to keep NAT/UDP mappings open; 0 disables. @default 25_000 */
  readonly keepAliveIntervalMs?: number;
  /** Most keep-alive pings per interval. @default 8 */
  readonly keepAliveMaxPerTick?: number;
  /** TTL of a put without `ttlMs`. @default 86_400_000 (24 h, paper 2.5) */
  readonly defaultTtlMs?: number;
  /** Largest TTL this node accepts for a STORE; longer ones are capped. @default 172_800_000 (48 h) */
  readonly maxTtlMs?: number;
  /** The original publisher re-puts its items with a fresh TTL this often (or at half the TTL if sooner). @default 43_200_000 (12 h) */
  readonly republishIntervalMs?: number;
  /** Replicas republish held records (remaining TTL only) this often (paper 2.5). @default 3_600_000 */
  readonly replicaRepublishIntervalMs?: number;
  /** Most items this node republishes as their publisher; the oldest is dropped past it. @default 1024 */
  readonly maxPublishedItems?: number;
  /** With a `state` component: how often the routing table is saved, in ms. @default 60_000 */
  readonly tableSaveIntervalMs?: number;
  /**
   * Records other nodes may store here (STORE); with no `store` component, also the cap of
   * the memory store the node makes. @default 65_536
   */
  readonly maxStoredRecords?: number;
  /**
   * Memory the records other nodes store here may take, as estimated per record (value,
   * key, publisher and per-record overhead: `recordMemoryBytes` of `@plexus/storage`, plus
   * ~280 bytes of the node's own bookkeeping). With no `store` component, also the memory
   * cap of the memory store the node makes. @default 67_108_864 (64 MiB)
   */
  readonly maxStoredBytes?: number;
  /**
   * Share of `maxStoredRecords` and of `maxStoredBytes` that the STOREs of one subnet (IPv4
   * /24, IPv6 /64; loopback exempt) may hold: past it that subnet gets STORE_FULL
   * (`stats().storesOverShare`). When the store is full, a STORE within its share evicts the
   * oldest record of the subnet holding the most (`stats().storeEvictions`), so a flood from
   * one subnet neither fills the store nor keeps other writers out. `Infinity` turns the
   * share off (eviction when full stays). @default 0.125
   */
  readonly maxStoreSharePerSubnet?: number;
  /** Largest value accepted by STORE and put(), in bytes. @default 1024 (MAX_VALUE_BYTES) */
  readonly maxValueBytes?: number;
  /** Contacts per bucket each broadcast hop sends to. @default 2 */
  readonly broadcastRedundancy?: number;
  /** Contacts tried per bucket per redundancy slot before giving that slot up. @default 6 */
  readonly broadcastAttemptsPerBucket?: number;
  /** Broadcast ids remembered for de-duplication. @default 8192 */
  readonly broadcastDedupSize?: number;
  /** How long a broadcast id is remembered, in ms. @default 600_000 */
  readonly broadcastDedupWindowMs?: number;
  /**
   * Admit a contact to the routing table only after it proved its id: a PING with a nonce,
   * answered by a PONG whose public key hashes to the id and whose signature verifies
   * (docs/protocol.md 10.2). Without it a reply may claim any id, and a known id moves to
   * a claimant's address once its holder stops answering. Costs per admission one extra
   * PING round trip (two more datagrams at a first contact with an address that has not
   * proven this node's, docs/protocol.md 10.6), one ed25519 sign at the peer (~24 µs) and
   * one check here (~73 µs; bench/records.bench.ts). A default 1,000-node `pnpm sim` takes
   * 4.2x the CPU with it (28.0 s vs 6.6 s; build 21-23 s vs 2-4 s, lookups 167-175/s vs
   * 820-1,740/s; apps/simulator README), so `createTestnet` and the simulator turn it off, explicitly.
   * Nodes given an `id` without an `identity` cannot prove it and are never admitted.
   * @default true
   */
  readonly verifyIdentities?: boolean;
  /**
   * Address-bound node ids (docs/protocol.md 10.9, after BEP 42): a contact at a public
   * address enters the routing table, and a lookup's shortlist, only when the top 21 bits of
   * its id are those its IP address gives (loopback and private ranges exempt), and a
   * lookup's shortlists hold at most `maxContactsPerSubnetPerBucket` contacts of one public
   * /24 or /64; this node, once it knows it is a server at a public address (its transport's
   * address, or the one its peers report), moves to the id bound to it: the top 21 bits
   * change, its key stays and still proves it (`idRebinds` and `idBinding` in `stats()`, a
   * warning in `plexus:node`). Without it ids are free to grind: whoever can generate keys
   * can own a key's k closest and win every vote on its plain value (docs/security.md). Turn
   * it off only on a network of nodes that do not bind (older versions).
   * @default true
   */
  readonly addressBoundIds?: boolean;
  /**
   * Loopback addresses (127.0.0.0/8, ::1: this host, where test networks put many nodes) are
   * exempt from every per-address defence: the subnet limits of the table, the request and
   * reply budgets, return routability (docs/protocol.md 10.6), the store shares and the
   * broadcast caps per subnet. `false` applies them to loopback like any other /24 or /64
   * (tests of the defences over real UDP on one host). @default true
   */
  readonly exemptLoopback?: boolean;
  /**
   * Whether this node offers itself for routing tables (docs/protocol.md 10.8). `"auto"`: it
   * learns its address from its peers' PONGs and, once `addressQuorum` subnets agree that a
   * NAT maps it, declares itself a client (PONG key 10): peers keep it out of their tables
   * and NODES replies, while it uses the DHT as before. `"client"` always, `"server"` never.
   * @default "auto"
   */
  readonly clientMode?: "auto" | "client" | "server";
  /** Observer subnets (/24, /64) that must agree on this node's address before it counts. @default 3 */
  readonly addressQuorum?: number;
  /**
   * Behind a NAT: how often to PING the contacts that send this node datagrams unasked (the
   * rendezvous of its topic subscriptions), so the NAT keeps their mappings open; 0 never.
   * @default 15_000
   */
  readonly natKeepAliveIntervalMs?: number;
  /**
   * Deliver a BROADCAST (and, in layers such as `@plexus/realtime`, a PUBLISH, DELIVER,
   * DIRECT or REQUEST) only when it carries its origin's signature (docs/protocol.md 10.7):
   * SHA-256 of the signing key is the origin id, the signature over origin, id, sequence
   * number, scope and data verifies, and the sequence number is not a replay. Others are
   * counted (`stats().broadcastsUnsigned`, `broadcastsForged`, `broadcastsReplayed`) and
   * dropped. With it on, starting a broadcast needs an `identity` (`ERR_NO_IDENTITY`).
   * Costs one ed25519 sign per message sent and one verify per first copy received
   * (bench/origins.bench.ts). @default true
   */
  readonly verifyOrigins?: boolean;
  /**
   * Broadcasts one origin may start per second, as each node counts them, with a burst of
   * ten times that; more are dropped, not forwarded (`stats().broadcastsLimited`).
   * `Infinity` turns it off. @default 2
   */
  readonly maxBroadcastsPerOriginPerSecond?: number;
  /**
   * First copies of broadcasts accepted per second from one source subnet (IPv4 /24, IPv6
   * /64; loopback exempt), with a burst of twice that: bounds what one operator with
   * many keys injects (`stats().broadcastsLimited`). `Infinity` turns it off. @default 20
   */
  readonly maxBroadcastsPerSubnetPerSecond?: number;
  /**
   * How a get reads a key whose value proves nothing about itself (a plain key). Every get
   * verifies what can be verified: a value whose SHA-256 is the key (content-addressed) is
   * returned at once, a signed record with a bad signature is dropped (`stats().forgedValues`)
   * and the lookup asks on. With `readQuorum`, a get that meets no content-addressed value
   * runs its lookup to convergence and returns the newest valid signed record, else the plain
   * value most of the k closest (one vote per /24 or /64) agree on, so an id ground close to
   * the key no longer decides alone (docs/security.md "Reads"). Costs a plain get the rest of
   * its lookup (about k more FIND_VALUEs). `false`: the first value found (Kademlia 2.3), as
   * fast and as forgeable as before. @default true
   */
  readonly readQuorum?: boolean;
  /**
   * Disjoint paths of every get and put (S/Kademlia section 4.4): the walk deals its
   * starting contacts out among that many shortlists that never share a contact, each asking
   * `alpha` at a time, and returns the k closest that answered on any. Responders that answer
   * FIND_NODE only with each other capture the paths that meet them first, not the others
   * (docs/security.md "Reads"). A get's paths each converge on their own k closest (up to
   * this many times the requests of one path); a put's share one window, the k closest on
   * any path, and cost about one path's requests.
   * `lookup()`/`findNode()`, join, bucket refresh, broadcast repair and the layers' lookups
   * walk one path. 1: the plain
   * Kademlia walk. An integer from 1 to k (else `ERR_INVALID_ARGUMENT`). @default 3 (k when k < 3)
   */
  readonly disjointPaths?: number;
  /**
   * Refuse a STORE (ERROR BAD_TOKEN) unless it carries the store token this node gave the
   * sender's address in an earlier NODES/VALUE reply (docs/protocol.md 10.3). @default true
   */
  readonly requireStoreTokens?: boolean;
  /**
   * Route cache: the k closest that answered each recent get or put, by key, so a repeat get
   * or put asks the key's replicas at once (the `mainline` crate keeps 1,000). Only where a
   * walk starts: it still ends when the k closest it knows answered. `{ maxEntries: 0 }`: off.
   * @default { maxEntries: 1000, ttlMs: 300_000 } (at most about 7 MB when full, query/route-cache.ts)
   */
  readonly routeCache?: RouteCacheOptions;
  /**
   * One-hop mode, for small networks: a full table of every node heard from (up to
   * `maxContacts`) beside the k-buckets, filled by a sweep of the id space after each join
   * (about 2N/k lookups), and every walk asks its k closest at once, so a get of a network
   * that fits is one round trip to the replicas (routing/full-table.ts).
   * @default off; `{}` turns it on with `{ maxContacts: 1000 }`
   */
  readonly oneHop?: OneHopOptions;
}

/** Node-wide events (per-call progress goes through the generators, never here). */
export interface NodeEvents {
  /** A contact entered the routing table (it answered one of our requests). */
  "contact:added": [contact: Contact];
  /** A contact left the routing table (it failed to answer). */
  "contact:removed": [contact: Contact];
  /** A broadcast reached this node (once per broadcast id). */
  broadcast: [event: BroadcastEvent];
  /** `start()` bound the transport. */
  started: [address: Address];
  /** `stop()` finished. */
  stopped: [];
  /** Saving to the `state` component failed (the node goes on; the next save may succeed). */
  "state:error": [error: Error];
}

/** A Kademlia node: RPC, lookups, storage protocol, maintenance and broadcast. */
export interface PlexusNode extends EventEmitter<NodeEvents> {
  readonly id: NodeId;
  /** The bound address once started. */
  readonly address: Address | undefined;
  /** The routing table; read it, do not change it. */
  readonly table: RoutingTable;
  /** True between `start()` and `stop()`. */
  readonly started: boolean;
  /** Starts the transport and the maintenance timers; idempotent. */
  start(options?: CallOptions): Promise<Address>;
  /** Stops timers, cancels requests, stops the transport; idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
  /**
   * Joins through the bootstrap address(es): pings them (with backoff) until one answers,
   * looks up its own id and resolves; the buckets farther than its closest neighbour are
   * probed in the background then (awaited with `joinWaitsForFarBuckets`).
   * @throws PlexusError `ERR_JOIN_FAILED` when no bootstrap answers in `joinAttempts` rounds.
   */
  join(bootstrap: Address | readonly Address[], options?: CallOptions): Promise<void>;
  /**
   * Joins through the contacts the `state` component saved in an earlier run: no bootstrap
   * address needed.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` when nothing was saved (no `state`, or a
   *   first run); `ERR_JOIN_FAILED` when none answers.
   */
  rejoin(options?: CallOptions): Promise<void>;
  /**
   * Pings an address; resolves to the contact that answered.
   * @throws PlexusError `ERR_RPC_TIMEOUT`; RemoteError `ERR_REMOTE` when it answers with an
   *   ERROR (e.g. BUSY) or with something that is not a PONG (`protocolCode` 0).
   */
  ping(address: Address, options?: CallOptions): Promise<Contact>;
  /** Iterative FIND_NODE lookup; breaking out of the loop cancels in-flight requests. */
  lookup(target: NodeId, options?: LookupOptions): AsyncGenerator<LookupEvent, LookupResult, void>;
  /** Drains `lookup` (without events): the k closest contacts that answered. */
  findNode(target: NodeId, options?: CallOptions): Promise<Contact[]>;
  /** Iterative FIND_VALUE lookup; stops at the first value. */
  get(key: NodeId, options?: CallOptions): AsyncGenerator<GetEvent, GetResult, void>;
  /** Drains `get`: the value, or `undefined` when the network does not hold it. */
  getValue(key: NodeId, options?: CallOptions): Promise<Uint8Array | undefined>;
  /**
   * Looks up the k closest to `key` and sends them STORE (paper 2.5).
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` when `value` exceeds `maxValueBytes`.
   */
  put(key: NodeId, value: Uint8Array, options?: PutOptions): AsyncGenerator<PutEvent, PutResult, void>;
  /** Drains `put`. */
  putValue(key: NodeId, value: Uint8Array, options?: PutOptions): Promise<PutResult>;
  /** This node's key pair: the one given, or made from `random`; `undefined` when it was given only an `id`. */
  readonly identity: NodeIdentity | undefined;
  /**
   * Stores an immutable item under SHA-256(value) (docs/protocol.md 10.4); every storing
   * node and every reader checks the hash. Republished as its publisher like `put`.
   * @throws PlexusError `ERR_VALUE_TOO_LARGE`; RecordError `ERR_BAD_RECORD` when every replica refused it.
   */
  putImmutable(value: Uint8Array, options?: PutOptions): Promise<PutResult>;
  /** The value whose SHA-256 is `key`; replies that do not hash to `key` are dropped and the lookup goes on. */
  getImmutable(key: NodeId, options?: CallOptions): Promise<Uint8Array | undefined>;
  /**
   * Signs `{ value, seq, salt? }` with this node's identity and stores it under
   * SHA-256(publicKey || salt) (like BEP 44). Storing nodes verify it and keep only a
   * higher seq; `cas` stores only where the current seq equals it.
   * @throws RecordError `ERR_NO_IDENTITY`; `ERR_SEQ_TOO_OLD`, `ERR_CAS_MISMATCH`,
   *   `ERR_BAD_SIGNATURE` when every replica refused it; PlexusError `ERR_VALUE_TOO_LARGE`
   *   when the envelope exceeds one datagram's value (`MAX_MUTABLE_VALUE_BYTES` = 851 with a 64-byte salt).
   */
  putMutable(input: MutablePutInput, options?: PutOptions): Promise<MutablePutResult>;
  /**
   * The highest-seq valid record owned by `publicKey` (and `salt`) among the k closest
   * nodes' copies and this node's; forged or mismatched copies are ignored.
   */
  getMutable(publicKey: Uint8Array, options?: GetMutableOptions): Promise<MutableRecord | undefined>;
  /** Stops republishing `key` as its publisher; resolves to whether it was published. */
  unpublish(key: NodeId): boolean;
  /**
   * Sends `data` to every node (El-Ansary et al. 2003 over the k-buckets).
   * @throws PlexusError `ERR_VALUE_TOO_LARGE` past MAX_BROADCAST_DATA_BYTES.
   */
  broadcast(data: Uint8Array, options?: BroadcastOptions): Promise<BroadcastResult>;
  /** A snapshot of the counters. */
  stats(): NodeStats;
  /**
   * Adds a protocol layer: its message types join this node's codec and its request
   * handlers the dispatch table; it gets a `ProtocolHost` to send, reply and look up
   * with. `@plexus/realtime` is built this way.
   * @throws PlexusError `ERR_INVALID_ARGUMENT` when a type name or code is taken.
   */
  register<P extends Protocol>(factory: ProtocolFactory<P>): P;
}
