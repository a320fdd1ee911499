import type { Clock, Logger, NodeId, Random, RecordStore, Transport } from "@plexus/core";
import type { IdInterner } from "@plexus/wire";
import type { NodeIdentity } from "../identity/identity.js";
import type { NodeState } from "../persistence/node-state.js";

/** Parts a node is built from; everything with I/O or time is injected. */
export interface NodeComponents {
  /** Moves datagrams; started by `start()` and stopped by `stop()`. */
  readonly transport: Transport;
  /** Time and timers. @default systemClock */
  readonly clock?: Clock;
  /** Randomness for request ids, the default identity and contact choice. @default a `createCryptoRandom()` of its own */
  readonly random?: Random;
  /** Where records this node holds live. @default createMemoryStore({ clock }) */
  readonly store?: RecordStore;
  /**
   * This node's id (32 bytes). Given without `identity`, the node has no key pair: it cannot
   * prove this id, so peers that verify identities (`verifyIdentities`, the default) never
   * admit it to their tables, and it cannot sign mutable records. Given with `identity`, it
   * must be SHA-256 of its public key (`ERR_INVALID_ARGUMENT` otherwise).
   * @default SHA-256 of `identity.publicKey`
   */
  readonly id?: NodeId;
  /**
   * This node's ed25519 key pair (`createIdentity()`, `identityFromPrivateKey(bytes)`).
   * Its id is SHA-256 of the public key; with it the node answers id challenges and can
   * sign mutable records. @default without `id`: `identityFromSeed(random.bytes(32))`,
   * made once at construction (~380 µs: OpenSSL 3's DER import of the key); with `id`: none
   */
  readonly identity?: NodeIdentity;
  /**
   * Where the node keeps its routing table and the items it publishes across restarts
   * (`createMemoryNodeState()`, or the facade's LMDB one). With it the node saves its table
   * after each join and every `tableSaveIntervalMs`, saves each published item before
   * `put` resolves, re-puts the saved items after its first join, and can `rejoin()`.
   * @default none
   */
  readonly state?: NodeState;
  /**
   * Shares decoded ids with other nodes' codecs (`new IdInterner()` of `@plexus/wire`, one
   * for all the nodes of a simulation: `createTestnet` passes one). @default none
   */
  readonly ids?: IdInterner;
  /**
   * Where the node logs (namespaces `plexus:rpc`, `plexus:lookup`, `plexus:routing`,
   * `plexus:records`, `plexus:broadcast`, `plexus:node`, and the layers' own, such as
   * `plexus:realtime`): `createDebugLogger({ debug, write })` of `@plexus/core`,
   * `silentLogger`, or your own (forward to pino, winston, a test array).
   * @default the namespaces named by `process.env.DEBUG` (read at creation) to stderr, each
   *   line labelled with the first 8 hex digits of the node id
   */
  readonly logger?: Logger;
  /**
   * This host's own IP addresses, read by a node bound to a wildcard (`0.0.0.0`, `::`) to judge
   * its NAT type and, bound to `::`, to know its address in each family (docs/protocol.md
   * 10.11). Simulations give the addresses their transport stands for.
   * @default every interface's address (`os.networkInterfaces()`)
   */
  readonly localHosts?: () => readonly string[];
}
