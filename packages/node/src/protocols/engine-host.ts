import type { Address, Clock, Contact, Logger, NodeId, Random, RoutingTable } from "@plexus/core";
import type { KademliaResponseMessage, OriginAuth, WireMessage } from "@plexus/wire";
import type { OriginFields, OriginKindCode } from "../origins/origin-signature.js";
import type { OriginSigner } from "../origins/origin-signer.js";
import type { Lookups } from "../query/lookups.js";
import type { Responder, ReplyBody } from "../rpc/responder.js";
import type { RequestBody, Rpc, RpcOptions, RpcReply } from "../rpc/rpc.js";
import type { ProtocolHost } from "./types.js";
import type { NatType } from "../reachability/nat-type.js";

/** The engine parts a {@link ProtocolHost} hands on. */
export interface EngineHostParts {
  readonly id: NodeId;
  readonly clock: Clock;
  readonly random: Random;
  readonly table: RoutingTable;
  readonly k: number;
  readonly requestRetries: number;
  readonly requestTimeoutMs: number;
  readonly rpc: Rpc;
  readonly responder: Responder;
  readonly lookups: Lookups;
  /** True between the engine's start() and stop(). */
  isRunning(): boolean;
  /** The node's origin signer; `undefined` without an identity. */
  readonly signer: OriginSigner | undefined;
  readonly verifyOrigins: boolean;
  /** The engine's logger, for the layers' own namespaces. */
  readonly logger: Logger;
  /** Keeps NAT mappings open for layers ({@link ProtocolHost.holdOpen}). */
  readonly keepAlive: { hold(owner: string, contacts: readonly Contact[]): void };
  /** This node's reachability ({@link ProtocolHost.natType}, {@link ProtocolHost.client}). */
  readonly reachability: { readonly natType: NatType; readonly isClient: boolean; onObserved(listener: (observed: Address | undefined, observer: Address) => void): void };
  /** Where {@link EngineHost.broadcastLeaves} goes. */
  readonly broadcaster: { setLeaves(provider: (() => readonly Contact[]) | undefined): void };
}

/**
 * The {@link ProtocolHost} of an engine: a class, so its methods live on the prototype
 * (an object literal with a getter and ten members took ~900 bytes per node).
 */
export class EngineHost implements ProtocolHost {
  readonly id: NodeId;
  readonly clock: Clock;
  readonly random: Random;
  readonly table: RoutingTable;
  readonly k: number;
  readonly requestRetries: number;
  readonly requestTimeoutMs: number;
  readonly verifyOrigins: boolean;
  readonly logger: Logger;
  readonly #parts: EngineHostParts;

  constructor(parts: EngineHostParts) {
    this.#parts = parts;
    this.id = parts.id;
    this.clock = parts.clock;
    this.random = parts.random;
    this.table = parts.table;
    this.k = parts.k;
    this.logger = parts.logger;
    this.requestRetries = parts.requestRetries;
    this.requestTimeoutMs = parts.requestTimeoutMs;
    this.verifyOrigins = parts.verifyOrigins;
  }

  get canSign(): boolean {
    return this.#parts.signer !== undefined;
  }

  signOrigin(kind: OriginKindCode, fields: OriginFields): OriginAuth | undefined {
    return this.#parts.signer?.sign(kind, fields);
  }

  get running(): boolean {
    return this.#parts.isRunning();
  }

  request<M extends WireMessage = KademliaResponseMessage>(to: Address, body: RequestBody, expectId?: NodeId,
    options?: RpcOptions): Promise<RpcReply<M>> {
    return this.#parts.rpc.request<M>(to, body, expectId, options);
  }

  holdOpen(owner: string, contacts: readonly Contact[]): void {
    this.#parts.keepAlive.hold(owner, contacts);
  }

  broadcastLeaves(provider: (() => readonly Contact[]) | undefined): void {
    this.#parts.broadcaster.setLeaves(provider);
  }

  onObserved(listener: (observed: Address | undefined, observer: Address) => void): void {
    this.#parts.reachability.onObserved(listener);
  }

  get natType(): NatType {
    return this.#parts.reachability.natType;
  }

  get client(): boolean {
    return this.#parts.reachability.isClient;
  }

  reply(to: Address, rid: number, body: ReplyBody): void {
    this.#parts.responder.reply(to, rid, body);
  }

  requireProvenAddress(from: Address, rid: number): boolean {
    return this.#parts.responder.demandProof(from, rid);
  }

  closest(target: NodeId, signal?: AbortSignal): Promise<Contact[]> {
    return this.#parts.lookups.closest(target, signal);
  }
}
