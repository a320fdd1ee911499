import type { Address, Clock, NodeId, Random, RecordStore, RoutingTable } from "@plexus/core";
import type { ResponseMessage } from "@plexus/wire";
import type { NodeConfig } from "./config.js";
import type { ContactBook } from "./contact-book.js";
import type { NodeIdentity } from "./identity/identity.js";
import type { StoreTokens } from "./records/store-tokens.js";
import type { Rpc } from "./rpc.js";
import type { Counters } from "./stats.js";
import type { NodeEvents } from "./types.js";

/**
 * The internals one node's parts share: handlers, lookups, maintenance, republish and
 * broadcast all receive this instead of reaching into the node object.
 */
export interface NodeContext {
  readonly self: NodeId;
  readonly config: NodeConfig;
  readonly clock: Clock;
  readonly random: Random;
  readonly store: RecordStore;
  readonly table: RoutingTable;
  readonly rpc: Rpc;
  readonly contacts: ContactBook;
  readonly counters: Counters;
  /** This node's key pair, when it has one (its id is then SHA-256 of the public key). */
  readonly identity: NodeIdentity | undefined;
  /** Issues and checks store tokens (docs/protocol.md T2). */
  readonly tokens: StoreTokens;
  /** Encodes and sends a reply (encode errors are counted, never thrown). */
  reply(to: Address, message: ResponseMessage): void;
  /** Emits a node event; listener errors are counted, never thrown. */
  emit<K extends keyof NodeEvents>(name: K, ...args: NodeEvents[K]): void;
  /** Records that a lookup ran for `target` (bucket refresh bookkeeping, paper 2.3). */
  noteLookup(target: NodeId): void;
  /** True between start() and stop(). */
  readonly running: boolean;
}
