import { isIPv4, toHex } from "@plexus/core";
import type { Address, Cancel, Clock, Random, RoutingTable } from "@plexus/core";
import { onePerSubnet, subnetKey } from "../routing/subnet-limits.js";
import type { Rpc } from "../rpc/rpc.js";
import type { Counters } from "../stats/counters.js";
import { DIAL_NONCE_BYTES } from "@plexus/wire";

/** What a firewall check uses. */
export interface FirewallCheckComponents {
  readonly clock: Clock;
  readonly random: Random;
  readonly table: RoutingTable;
  readonly rpc: Rpc;
  readonly counters: Counters;
  /** The address observers agree on, when the node judged it its own (`direct`); else `undefined`: no check. */
  readonly direct: () => Address | undefined;
  /** Whether this node sent to `address` (a reply from there would pass a stateful firewall). */
  readonly contacted: (address: Address) => boolean;
  /** The verdict changed. */
  readonly changed: () => void;
}

/** Peers asked per round (distinct subnets). */
const ASKS = 5;
/** Dial-backs from distinct subnets that prove the node reachable. */
const CONFIRMATIONS = 2;
/** Peers that said they asked a third node, with no dial-back arriving, that prove it firewalled. */
const SILENT_ACKS = 3;
/** How long a round waits for dial-backs at most (asked peers that do not answer). */
const ROUND_MS = 8_000;
/**
 * How long a round waits for dial-backs once every asked peer answered: a dial-back follows
 * the peer's PONG by one hop (peer -> third node -> us), so this is many round trips.
 */
const ACK_GRACE_MS = 2_000;
/** How often it looks whether a round is due (rechecks; the first round starts on an observation). */
const TICK_MS = 5_000;
/** After a verdict, the next round (the network or the firewall may change). */
const RECHECK_MS = 10 * 60_000;
/** After an inconclusive round. */
const RETRY_MS = 60_000;
/** Silent rounds in a row (no dial-back at all, enough acknowledged asks) that make the verdict "firewalled". */
const SILENT_ROUNDS = 2;
/**
 * After a silent round that is not yet enough: soon, so that a firewalled node turns client
 * within seconds; long enough that a third node's per-target dial budget (1 per 5 s, a burst
 * of 2, dial-back.ts) has refilled for the few it may have spent.
 */
const SILENT_RETRY_MS = 3_000;

interface Round {
  /** By nonce (hex): the subnet of the peer asked. Bound: ASKS. */
  readonly asked: Map<string, string>;
  /** Subnets of the peers that said they asked a third node. Bound: ASKS. */
  readonly acks: Set<string>;
  /** Subnets the dial-backs came from. Bound: ASKS. */
  readonly confirmed: Set<string>;
  /**
   * Dial-backs that arrived from an address this node had sent to (a transport without fresh
   * ports): they prove nothing either way, and forbid a "firewalled" verdict this round.
   */
  inconclusive: number;
  /** Asked peers that answered (PONG or failure); all of them: the round ends ACK_GRACE_MS later. */
  answered: number;
  cancel: Cancel | undefined;
}

/**
 * Finds out whether a node with its own public address takes unsolicited datagrams
 * (docs/protocol.md 10.10; libp2p AutoNAT, dht-rpc's `firewalled`): it asks up to 5 peers of
 * distinct subnets (PING key 16) to have a third node PING it; such a PING comes from an
 * address it never sent to, so a stateful firewall would drop it. Two arriving from distinct
 * subnets: reachable. None at all while at least 3 peers said they asked, in two rounds in a
 * row (15 s apart: a lost or rate-limited dial-back must not make a server a client):
 * firewalled (a client). Otherwise it tries again a minute later; a verdict is checked again
 * every 10 minutes.
 */
export class FirewallCheck {
  readonly #c: FirewallCheckComponents;
  #round: Round | undefined;
  #cancel: Cancel | undefined;
  /** The next round right after a silent one (SILENT_RETRY_MS), not at the next tick. */
  #soon: Cancel | undefined;
  #nextAt = 0;
  /** `undefined` until a round decided. */
  #reachable: boolean | undefined;
  /** Silent rounds in a row (see SILENT_ROUNDS). */
  #silent = 0;

  constructor(components: FirewallCheckComponents) {
    this.#c = components;
  }

  /** `false` once dial-backs did not get in, `true` once they did, else `undefined`. */
  get reachable(): boolean | undefined {
    return this.#reachable;
  }

  start(): void {
    if (this.#cancel) return;
    const tick = (): void => {
      this.#cancel = this.#c.clock.setTimeout(tick, TICK_MS);
      this.#maybeRun();
    };
    this.#cancel = this.#c.clock.setTimeout(tick, TICK_MS);
  }

  /**
   * A PONG reported this node's address: the first round starts as soon as the observers agree
   * on an address of its own, rather than at the next tick (only once started: never on loopback).
   */
  observed(): void {
    if (this.#cancel) this.#maybeRun();
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#soon?.();
    this.#soon = undefined;
    this.#round?.cancel?.();
    this.#round = undefined;
  }

  /** A PING carrying a dial-back nonce (key 18) arrived from `from`. */
  arrived(nonce: Uint8Array, from: Address): void {
    const round = this.#round;
    const key = toHex(nonce);
    const askedSubnet = round?.asked.get(key);
    if (!round || askedSubnet === undefined) return;
    round.asked.delete(key);
    const subnet = subnetKey(from.host);
    if (subnet === askedSubnet || this.#c.contacted(from)) { // the peer itself, or a path this node opened
      round.inconclusive++;
      return;
    }
    round.confirmed.add(subnet);
    this.#c.counters.dialBacksConfirmed++;
    if (round.confirmed.size >= CONFIRMATIONS) this.#decide();
  }

  #maybeRun(): void {
    const c = this.#c;
    const own = c.direct();
    if (this.#round || !own || c.clock.now() < this.#nextAt) return;
    const round: Round = { asked: new Map(), acks: new Set(), confirmed: new Set(), inconclusive: 0, answered: 0, cancel: undefined };
    const answered = (): void => {
      if (this.#round !== round || ++round.answered < sent) return;
      round.cancel?.();
      round.cancel = c.clock.setTimeout(() => this.#decide(), ACK_GRACE_MS);
    };
    let sent = 0;
    const peers = onePerSubnet(c.table, c.random.bytes(32), ASKS, (p) => isIPv4(p.host) === isIPv4(own.host));
    // Too few peers could not reach a verdict either way (and would push the next round a minute off): wait for more.
    if (peers.length < SILENT_ACKS) return;
    for (const peer of peers) {
      const subnet = subnetKey(peer.host);
      const nonce = c.random.bytes(DIAL_NONCE_BYTES);
      round.asked.set(toHex(nonce), subnet);
      c.counters.dialBacksAsked++;
      sent++;
      c.rpc.call(peer, { type: "PING", dialBack: nonce }, peer.id, { retries: 1 }, (reply) => {
        if (reply.type === "PONG" && reply.dialBack === true && this.#round === round) round.acks.add(subnet);
        answered();
      }, answered);
    }
    if (round.asked.size === 0) return;
    this.#round = round;
    round.cancel = c.clock.setTimeout(() => this.#decide(), ROUND_MS);
  }

  #decide(): void {
    const round = this.#round;
    if (!round) return;
    round.cancel?.();
    this.#round = undefined;
    let verdict: boolean | undefined;
    const silent = round.confirmed.size === 0 && round.inconclusive === 0 && round.acks.size >= SILENT_ACKS;
    this.#silent = silent ? this.#silent + 1 : 0;
    if (round.confirmed.size >= CONFIRMATIONS) verdict = true;
    else if (this.#silent >= SILENT_ROUNDS) verdict = false;
    const wait = verdict !== undefined ? RECHECK_MS : silent ? SILENT_RETRY_MS : RETRY_MS;
    this.#nextAt = this.#c.clock.now() + wait;
    if (verdict === undefined && silent && this.#cancel) {
      this.#soon?.();
      this.#soon = this.#c.clock.setTimeout(() => { this.#soon = undefined; this.#maybeRun(); }, wait);
    }
    if (verdict === undefined || verdict === this.#reachable) return;
    this.#reachable = verdict;
    this.#c.changed();
  }
}
