import { addressKey, toHex } from "@plexus/core";
import type { Address, Contact, Log, NodeId } from "@plexus/core";
import { OriginKind, bytesKey } from "@plexus/node";
import type { OriginGuard, ProtocolHost, ReplyBody } from "@plexus/node";
import { ProtocolErrorCode } from "@plexus/wire";
import type { RealtimeConfig } from "../config.js";
import { CONNECTED_FLAG_BRIDGED, NO_RESERVATION, RealtimeMessageType } from "../messages/index.js";
import type { ConnectMessage, RealtimeReply, RelayMessage, ReserveMessage } from "../messages/index.js";
import { REALTIME_LOG, admit, verifyingGuard } from "../origins.js";
import type { RealtimeCounters } from "../stats.js";
import { bridgeTarget } from "./bridge.js";
import { RelayBudget } from "./relay-budget.js";
import { Reservations } from "./reservations.js";

const EMPTY = new Uint8Array(0);
/** Budget bytes a CONNECT costs (its PUNCH and CONNECTED are about this size). */
const CONNECT_COST_BYTES = 64;

/**
 * The relay side of reaching nodes behind NATs (docs/protocol.md 13): holds reservations
 * (RESERVE, signed by the reserving node), introduces requesters (CONNECT -> PUNCH to the
 * target, CONNECTED to the requester) and forwards DIRECT / REQUEST (RELAY) within a budget.
 * Every request that makes it send to its source later, or to the target, is taken only from
 * a proven address (10.6): a relay never sends toward an address that did not prove it
 * receives there, and what it sends the requester is the target's answer, at most one reply.
 */
export class RelayServer {
  readonly #host: ProtocolHost;
  readonly #config: RealtimeConfig;
  readonly #counters: RealtimeCounters;
  readonly #log: Log;
  /** Checks RESERVE signatures and replays (bounded inside). */
  readonly #guard: OriginGuard;
  readonly #reservations: Reservations;
  readonly #budget: RelayBudget;

  constructor(host: ProtocolHost, config: RealtimeConfig, counters: RealtimeCounters) {
    this.#host = host;
    this.#config = config;
    this.#counters = counters;
    this.#log = host.logger.forComponent(REALTIME_LOG);
    this.#guard = verifyingGuard(host);
    this.#reservations = new Reservations(host.clock, {
      max: config.maxReservations, perSubnet: config.maxReservationsPerSubnet, exemptLoopback: config.exemptLoopback,
    });
    this.#budget = new RelayBudget(host.clock, {
      messagesPerSecond: config.relayMessagesPerSecond, bytesPerSecond: config.relayBytesPerSecond,
      totalMessagesPerSecond: config.relayTotalMessagesPerSecond, totalBytesPerSecond: config.relayTotalBytesPerSecond,
      maxKeys: config.maxReservations,
    });
    // Clients are in no routing table, so the bucket tree never reaches them: this relay sends them its broadcasts.
    host.broadcastLeaves(() => this.#reservations.contacts());
  }

  /** The live reservation of `target` this relay holds: its mapping toward this node. */
  reserved(target: NodeId): Contact | undefined {
    return this.#reservations.get(target)?.contact;
  }

  /** RESERVE -> RESERVED, ERROR BUSY (full, or this node is a client itself), or nothing (bad signature). */
  onReserve(m: ReserveMessage, from: Address): void {
    const host = this.#host;
    if (!host.requireProvenAddress(from, m.rid)) return;
    if (host.client) {
      host.reply(from, m.rid, { type: "ERROR", code: ProtocolErrorCode.BUSY, message: "not a relay: this node is behind a NAT" });
      return;
    }
    const fields = { origin: m.sender, id: m.id, scope: host.id, data: EMPTY };
    if (!admit(this.#guard, this.#counters, OriginKind.RESERVATION, fields, m.auth, from, this.#log)) return;
    const ttlMs = Math.min(m.ttlMs, this.#config.reservationTtlMs);
    if (!this.#reservations.set(m.sender, from, m.flags, ttlMs)) {
      host.reply(from, m.rid, { type: "ERROR", code: ProtocolErrorCode.BUSY, message: "too many reservations" });
      return;
    }
    this.#counters.reservationsServed = this.#reservations.size;
    if (this.#log.enabled) this.#log.debug("reservation", { node: toHex(m.sender), from: addressKey(from), ttlMs });
    host.reply(from, m.rid, { type: "RESERVED", ttlMs });
  }

  /** CONNECT -> PUNCH to the target, CONNECTED with its address to the requester. */
  onConnect(m: ConnectMessage, from: Address): void {
    const host = this.#host;
    if (!host.requireProvenAddress(from, m.rid)) return;
    const r = this.#admitted(m.target, CONNECT_COST_BYTES, from, m.rid);
    if (!r) return;
    if (r.bridged) { // a server of the other family: nothing to punch, RELAY carries it (13.6)
      host.reply(from, m.rid, { type: "CONNECTED", address: { host: r.contact.host, port: r.contact.port }, flags: CONNECTED_FLAG_BRIDGED });
      return;
    }
    host.request(r.contact, { type: "PUNCH", peer: m.sender, address: { host: from.host, port: from.port } }, r.contact.id,
      { retries: 1, onBehalf: true }).catch(() => undefined);
    host.reply(from, m.rid, { type: "CONNECTED", address: { host: r.contact.host, port: r.contact.port }, flags: r.flags });
  }

  /** RELAY -> the wrapped DIRECT / REQUEST to the target; its answer back to the requester. */
  onRelay(m: RelayMessage, from: Address): void {
    const host = this.#host;
    if (!host.requireProvenAddress(from, m.rid)) return;
    const r = this.#admitted(m.target, m.data.length, from, m.rid);
    if (!r) return;
    this.#counters.relayedMessages++;
    if (r.bridged) this.#counters.relayedBridged++;
    this.#counters.relayedBytes += m.data.length;
    const request = m.kind === RealtimeMessageType.REQUEST;
    const body = { type: request ? "REQUEST" as const : "DIRECT" as const, id: m.id, origin: m.origin, data: m.data, ...(m.auth ? { auth: m.auth } : {}) };
    host.request<RealtimeReply>(r.contact, body, r.contact.id, { retries: 1, onBehalf: true, ...(request ? { timeoutMs: host.requestTimeoutMs } : {}) })
      .then((reply) => host.reply(from, m.rid, answerOf(reply.message)), () => undefined);
  }

  stop(): void {
    this.#reservations.clear();
    this.#budget.clear();
    this.#guard.clear();
    this.#counters.reservationsServed = 0;
  }

  /**
   * The live reservation of `target`, or the server it bridges to from `from`'s family
   * (`bridged`), when its budget allows `bytes` more; else the ERROR is sent and `undefined`.
   */
  #admitted(target: Uint8Array, bytes: number, from: Address, rid: number): { contact: Contact; flags: number; bridged: boolean } | undefined {
    const reserved = this.#reservations.get(target);
    const bridged = reserved ? undefined : bridgeTarget(this.#host, target, from);
    const r = reserved ? { contact: reserved.contact, flags: reserved.flags, bridged: false } : bridged ? { contact: bridged, flags: 0, bridged: true } : undefined;
    if (!r) {
      this.#host.reply(from, rid, { type: "ERROR", code: NO_RESERVATION, message: "no reservation" });
      return undefined;
    }
    if (!this.#budget.take(bytesKey(target), bytes)) {
      this.#counters.relayDropped++;
      this.#host.reply(from, rid, { type: "ERROR", code: ProtocolErrorCode.BUSY, message: "relay budget spent" });
      return undefined;
    }
    return r;
  }
}

/** The target's answer as the relay's reply (the same type and fields). */
function answerOf(message: RealtimeReply): ReplyBody {
  switch (message.type) {
    case "ACK": return { type: "ACK" };
    case "REPLY": return { type: "REPLY", data: message.data };
    case "ERROR": return { type: "ERROR", code: message.code, message: message.message };
    default: return { type: "ERROR", code: ProtocolErrorCode.BAD_REQUEST, message: `target answered ${message.type}` };
  }
}
