import { addressKey, bytesEqual, toHex } from "@plexus/core";
import type { Address, Cancel, Contact, Log } from "@plexus/core";
import { OriginKind } from "@plexus/node";
import type { ProtocolHost } from "@plexus/node";
import type { RealtimeConfig } from "../config.js";
import { RESERVE_CHECK_MS, RESERVE_RETRY_MS } from "../constants.js";
import { MESSAGE_ID_BYTES, RESERVE_FLAG_SYMMETRIC } from "../messages/index.js";
import type { RealtimeReply } from "../messages/index.js";
import { REALTIME_LOG, signed } from "../origins.js";
import type { RealtimeCounters } from "../stats.js";

/** The keep-alive owner name of the relays' mappings (ProtocolHost.holdOpen). */
const HOLD_OWNER = "relay";
const EMPTY = new Uint8Array(0);

/**
 * The reserving side (docs/nat.md): while this node is a client behind a NAT it keeps
 * `config.relays` reservations at the public nodes closest to its own id, where requesters
 * look for them (a lookup of the id ends there), renews them at half their TTL, and has the
 * engine keep the NAT mappings toward them open. A node that becomes public again releases
 * them (they expire). It checks every RESERVE_CHECK_MS and renews at half the TTL, or at
 * once when its NAT type changed between cone-like and symmetric. Bound: `config.relays` (at most 8) relays.
 */
export class Reserver {
  readonly #host: ProtocolHost;
  readonly #config: RealtimeConfig;
  readonly #counters: RealtimeCounters;
  readonly #log: Log;
  /** The relays that granted a reservation, with its expiry. Bound: config.relays. */
  #relays: { readonly contact: Contact; readonly expiresAt: number }[] = [];
  /** The flags the current reservations were made with, and when they are due for renewal. */
  #flags = 0;
  #renewAt = 0;
  #timer: Cancel | undefined;
  #abort: AbortController | undefined;

  constructor(host: ProtocolHost, config: RealtimeConfig, counters: RealtimeCounters) {
    this.#host = host;
    this.#config = config;
    this.#counters = counters;
    this.#log = host.logger.forComponent(REALTIME_LOG);
  }

  start(): void {
    if (this.#timer || this.#config.relays === 0) return;
    this.#abort = new AbortController();
    this.#schedule(RESERVE_RETRY_MS);
  }

  stop(): void {
    this.#timer?.();
    this.#timer = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#relays = [];
    this.#counters.reservations = 0;
  }

  /** True when `from` is the address of one of this node's live relays (only they may send PUNCH). */
  isRelay(from: Address): boolean {
    const now = this.#host.clock.now();
    const key = addressKey(from);
    return this.#relays.some((r) => r.expiresAt > now && addressKey(r.contact) === key);
  }

  #schedule(ms: number): void {
    this.#timer = this.#host.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#tick().then((next) => {
        if (this.#abort && !this.#abort.signal.aborted) this.#schedule(next);
      });
    }, ms);
  }

  /** One round; resolves to the delay of the next. */
  async #tick(): Promise<number> {
    const host = this.#host;
    if (!host.running || !host.client) {
      if (this.#relays.length > 0) this.#release();
      return RESERVE_CHECK_MS;
    }
    const flags = host.natType === "symmetric" ? RESERVE_FLAG_SYMMETRIC : 0;
    const full = this.#relays.length >= this.#config.relays;
    // Renew at half the TTL, or at once when the NAT type changed (requesters must know whether to punch).
    if (full && host.clock.now() < this.#renewAt && flags === this.#flags) return RESERVE_CHECK_MS;
    const signal = this.#abort!.signal;
    const ttlMs = this.#config.reservationTtlMs;
    this.#flags = flags;
    try {
      const closest = await host.closest(host.id, signal);
      const granted: { contact: Contact; expiresAt: number }[] = [];
      for (const contact of closest) {
        if (granted.length >= this.#config.relays || signal.aborted) break;
        if (bytesEqual(contact.id, host.id)) continue;
        const ttl = await this.#reserve(contact, ttlMs, flags, signal);
        if (ttl > 0) granted.push({ contact, expiresAt: host.clock.now() + ttl });
      }
      this.#relays = granted;
      this.#renewAt = host.clock.now() + Math.min(...granted.map((r) => r.expiresAt - host.clock.now()), ttlMs) / 2;
    } catch {
      // A failed lookup (stopped, aborted): keep what we have until it expires.
    }
    this.#counters.reservations = this.#relays.length;
    host.holdOpen(HOLD_OWNER, this.#relays.map((r) => r.contact));
    if (this.#log.enabled) this.#log.debug("relays reserved", { relays: this.#relays.map((r) => toHex(r.contact.id).slice(0, 8)) });
    return this.#relays.length < this.#config.relays ? RESERVE_RETRY_MS : RESERVE_CHECK_MS;
  }

  /** The TTL `relay` granted (0 when it refused or did not answer). */
  async #reserve(relay: Contact, ttlMs: number, flags: number, signal: AbortSignal): Promise<number> {
    const host = this.#host;
    const id = host.random.bytes(MESSAGE_ID_BYTES);
    const body = signed(host, OriginKind.RESERVATION, { origin: host.id, id, scope: relay.id, data: EMPTY }, { type: "RESERVE" as const, id, ttlMs, flags });
    try {
      const reply = await host.request<RealtimeReply>(relay, body, relay.id, { retries: 1, signal });
      return reply.message.type === "RESERVED" ? reply.message.ttlMs : 0;
    } catch {
      return 0;
    }
  }

  #release(): void {
    this.#relays = [];
    this.#counters.reservations = 0;
    this.#host.holdOpen(HOLD_OWNER, []);
  }
}
