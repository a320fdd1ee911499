import { addressKey, bytesEqual, isIPv4, toHex } from "@plexus/core";
import type { Address, Cancel, Contact, Log } from "@plexus/core";
import { OriginKind } from "@plexus/node";
import type { ProtocolHost } from "@plexus/node";
import type { RealtimeConfig } from "../config.js";
import { REBIND_RENEW_GAP_MS, RESERVE_CHECK_MS, RESERVE_LOOKUP_MS, RESERVE_REFRESH_MS, RESERVE_RETRY_MS } from "../constants.js";
import { MESSAGE_ID_BYTES, RESERVE_FLAG_SYMMETRIC } from "../messages/index.js";
import type { RealtimeReply } from "../messages/index.js";
import { REALTIME_LOG, signed } from "../origins.js";
import type { RealtimeCounters } from "../stats.js";
import { RebindWatch } from "./rebind-watch.js";

const EMPTY = new Uint8Array(0);
/** Candidates of a missing family a client tries before it gives up on that family until the next lookup. */
const FAMILY_TRIES = 3;

/**
 * The IP families (true: IPv4) among `candidates` (the families this node speaks) that no relay
 * in `relays` is of: a requester of such a family would find none of them among its CONNECT candidates.
 */
export function familyGaps(candidates: readonly Contact[], relays: readonly Contact[]): boolean[] {
  return [true, false].filter((v4) => candidates.some((c) => isIPv4(c.host) === v4) && !relays.some((r) => isIPv4(r.host) === v4));
}

/**
 * The reserving side (docs/nat.md): while this node is a client behind a NAT it keeps
 * `config.relays` reservations at the public nodes closest to its own id, where requesters
 * look for them (a lookup of the id ends there), and renews them often enough to keep the
 * NAT mappings toward them open ({@link Reserver.#tick}). A node that becomes public again
 * stops renewing (they expire). A dual-stack client also keeps one relay of each family it
 * speaks (a requester looks among its own family's nodes). Bound: `config.relays` (at most 8) + 1 relays.
 */
export class Reserver {
  readonly #host: ProtocolHost;
  readonly #config: RealtimeConfig;
  readonly #counters: RealtimeCounters;
  readonly #log: Log;
  /** The relays that granted a reservation, with its expiry. Bound: config.relays + 1 (one of a missing family). */
  #relays: { readonly contact: Contact; readonly expiresAt: number }[] = [];
  /** The flags the current reservations were made with, and when the relays are looked up anew. */
  #flags = 0;
  #lookupAt = 0;
  #timer: Cancel | undefined;
  #abort: AbortController | undefined;
  /** Tells a NAT rebind from PONGs' observed addresses; the last renewal it triggered. */
  readonly #rebinds = new RebindWatch();
  #rebindAt = -Infinity;
  /** The last round found this node no client (the next check is RESERVE_CHECK_MS away). */
  #idle = false;

  constructor(host: ProtocolHost, config: RealtimeConfig, counters: RealtimeCounters) {
    this.#host = host;
    this.#config = config;
    this.#counters = counters;
    this.#log = host.logger.forComponent(REALTIME_LOG);
    host.onObserved((observed, observer) => this.#observed(observed, observer));
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
    this.#rebinds.clear();
    this.#release();
  }

  /** True when `from` is the address of one of this node's live relays (only they may send PUNCH). */
  isRelay(from: Address): boolean {
    const now = this.#host.clock.now();
    const key = addressKey(from);
    return this.#relays.some((r) => r.expiresAt > now && addressKey(r.contact) === key);
  }

  /**
   * A PONG arrived: when its sender reports a new address for this node, or none where it did
   * before (our new mapping is not proven to it, docs/protocol.md 10.6: the NAT rebound),
   * the relays still send to the old mapping, which is gone; renew at once rather than at the
   * next refresh (up to RESERVE_REFRESH_MS later), at most once per REBIND_RENEW_GAP_MS. A node
   * that turned client since the last check (a firewall verdict comes between two) reserves at once.
   */
  #observed(observed: Address | undefined, observer: Address): void {
    const changed = this.#rebinds.changed(observed, observer, this.#host.natType === "symmetric");
    if (!this.#timer || !this.#host.client) return;
    if (this.#idle) { // turned client (a firewall verdict) since the last check: reserve now, not up to 5 s later
      this.#idle = false;
      this.#roundNow();
      return;
    }
    if (!changed || this.#relays.length === 0) return;
    const now = this.#host.clock.now();
    if (now - this.#rebindAt < REBIND_RENEW_GAP_MS) return;
    this.#rebindAt = now;
    this.#counters.reservesOnRebind++;
    this.#roundNow();
  }

  /** The next round now rather than when its timer is due. */
  #roundNow(): void {
    this.#timer?.();
    this.#schedule(0);
  }

  #schedule(ms: number): void {
    this.#timer = this.#host.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#tick().then((next) => {
        if (this.#abort && !this.#abort.signal.aborted) this.#schedule(next);
      });
    }, ms);
  }

  /**
   * One round; resolves to the delay of the next. Every RESERVE_REFRESH_MS the current relays
   * get a fresh RESERVE: it keeps the NAT mapping toward each open (the keep-alive a PING would
   * be) and moves the reservation to the new mapping after the NAT rebinds. A lookup of the
   * own id picks the relays anew every RESERVE_LOOKUP_MS, when fewer than wanted answered,
   * or when the NAT type changed (requesters must know whether to punch).
   */
  async #tick(): Promise<number> {
    const host = this.#host;
    this.#idle = !host.running || !host.client;
    if (this.#idle) {
      if (this.#relays.length > 0) this.#release();
      return RESERVE_CHECK_MS;
    }
    const now = host.clock.now();
    const flags = host.natType === "symmetric" ? RESERVE_FLAG_SYMMETRIC : 0;
    const lookup = this.#relays.length < this.#config.relays || flags !== this.#flags || now >= this.#lookupAt;
    const signal = this.#abort!.signal;
    const ttlMs = this.#config.reservationTtlMs;
    this.#flags = flags;
    try {
      const candidates = lookup ? await host.closest(host.id, signal) : this.#relays.map((r) => r.contact);
      if (lookup) this.#lookupAt = now + RESERVE_LOOKUP_MS;
      const granted: { contact: Contact; expiresAt: number }[] = [];
      const tried = new Set<Contact>(); // Bound: the lookup's k candidates.
      const reserve = async (contact: Contact): Promise<boolean> => {
        tried.add(contact);
        const ttl = await this.#reserve(contact, ttlMs, flags, signal);
        if (ttl > 0) granted.push({ contact, expiresAt: host.clock.now() + ttl });
        return ttl > 0;
      };
      for (const contact of candidates) { // a refresh renews every current relay, the family one included
        if ((lookup && granted.length >= this.#config.relays) || signal.aborted) break;
        if (!bytesEqual(contact.id, host.id)) await reserve(contact);
      }
      // A requester of one family looks among its family's nodes only: a dual-stack client whose
      // relays are all of the other family would be unreachable to it (docs/nat.md 1).
      if (lookup) for (const gap of familyGaps(candidates, granted.map((g) => g.contact))) {
        for (const contact of candidates.filter((c) => isIPv4(c.host) === gap && !tried.has(c) && !bytesEqual(c.id, host.id)).slice(0, FAMILY_TRIES)) {
          if (signal.aborted || await reserve(contact)) break;
        }
      }
      this.#relays = granted;
    } catch {
      // A failed lookup (stopped, aborted): keep what we have until it expires.
    }
    this.#counters.reservations = this.#relays.length;
    if (lookup && this.#log.enabled) this.#log.debug("relays reserved", { relays: this.#relays.map((r) => toHex(r.contact.id).slice(0, 8)) });
    return this.#relays.length < this.#config.relays ? RESERVE_RETRY_MS : RESERVE_REFRESH_MS;
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
  }
}
