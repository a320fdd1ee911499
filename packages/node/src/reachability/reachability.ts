import { addressScope } from "@plexus/core";
import type { Address } from "@plexus/core";
import type { KademliaResponseMessage, PingMessage, PongMessage } from "@plexus/wire";
import type { Routability } from "../limits/routability.js";
import type { ContactBook } from "../routing/contact-book.js";
import { onePerSubnet } from "../routing/subnet-limits.js";
import { AddressObserver } from "./address-observer.js";
import { DialBackService } from "./dial-back.js";
import type { DialBackComponents } from "./dial-back.js";
import { DualStack } from "./dual-stack.js";
import { FirewallCheck } from "./firewall-check.js";
import { NatKeepAlive } from "./nat-keepalive.js";
import type { NatType } from "./nat-type.js";
import { socketHosts } from "../platform/local-hosts.js";

/** How a node decides to be a client (NodeInit.clientMode). */
export type ClientMode = "auto" | "client" | "server";

/** What {@link Reachability} uses: the dial-back roles' parts, and the host's own addresses. */
export interface ReachabilityComponents extends DialBackComponents {
  /** The host's own addresses, for a wildcard bind (0.0.0.0, ::). */
  readonly localHosts: () => readonly string[];
}

export interface ReachabilityInit {
  readonly clientMode: ClientMode;
  readonly addressQuorum: number;
  /** Retries of a probe PING. */
  readonly requestRetries: number;
  /** Interval of the PINGs that keep NAT mappings toward rendezvous open (0: none). */
  readonly natKeepAliveMs: number;
}

/** Contacts pinged by one probe (from distinct subnets: each is one vote). */
const PROBE_CONTACTS = 6;
const PROBE = { type: "PING" } as const;
/** Table contacts told at once, by a PING with the client flag, that this node turned client. */
const TELL_CONTACTS = 32;

/** Observation listeners a node takes (one per layer that needs them). */
const MAX_OBSERVED_LISTENERS = 8;

/**
 * Learns this node's public address and NAT type from the PONGs it gets and decides whether
 * it is a client: a node behind a NAT answers every PING with key 10 (`client`), so that
 * peers keep it out of their tables and out of their NODES replies, while it uses the DHT
 * as before. Loopback nodes (tests, one host) skip all of it.
 */
export class Reachability {
  readonly #c: ReachabilityComponents;
  readonly #init: ReachabilityInit;
  readonly #observer: AddressObserver;
  /** The mappings a layer needs open (the rendezvous of subscriptions), while behind a NAT. */
  readonly keepAlive: NatKeepAlive;
  /** Whether a node with its own address takes unsolicited datagrams (docs/protocol.md 10.10). */
  readonly firewall: FirewallCheck;
  /** The dial-backs this node forwards and sends for others. */
  /** Made at the first dial-back asked of this node: most nodes are never asked (3 rate tables). */
  #dialBacks: DialBackService | undefined;
  /** Its address per IP family, when it is dual-stack (docs/protocol.md 10.11). */
  readonly #dual: DualStack;
  /**
   * {@link natType} until the next observation, with the bound address it was judged for:
   * every PING answered asks (isClient), and a wildcard bind lists the host's interfaces.
   */
  #nat: { readonly type: NatType; readonly bound: Address | undefined } | undefined;
  /** The layers' observation listeners ({@link onObserved}). Bound: MAX_OBSERVED_LISTENERS. */
  readonly #listeners: ((observed: Address | undefined, observer: Address) => void)[] = [];

  constructor(components: ReachabilityComponents, init: ReachabilityInit) {
    this.#c = components;
    this.#init = init;
    this.#observer = new AddressObserver({ quorum: init.addressQuorum });
    const { clock, rpc, counters, random, table, proven } = components;
    this.keepAlive = new NatKeepAlive({ clock, rpc, counters, needed: () => this.#behind() }, init.natKeepAliveMs);
    this.#dual = new DualStack(init.addressQuorum, () => components.transport.address, components.localHosts);
    this.firewall = new FirewallCheck({ clock, random, table, rpc, counters, contacted: proven,
      // Only where the verdict decides something: a node told to be a client or a server is not checked.
      direct: () => (init.clientMode === "auto" && this.#base(components.transport.address) === "direct" ? this.publicAddress : undefined),
      changed: () => this.#turned() });
  }

  start(): void {
    this.keepAlive.start();
    // Bound to loopback, no peer ever reports this node's address: nothing to check, no timer.
    const bound = this.#c.transport.address;
    if (bound === undefined || addressScope(bound.host) !== "loopback") this.firewall.start();
  }

  stop(): void {
    this.keepAlive.stop();
    this.firewall.stop();
  }

  /**
   * The reachability extensions of a PING from `from` (docs/protocol.md 10.10): a dial-back
   * for this node, a request to dial one, or to have one dialed. True when the PONG says a
   * third node was asked (key 16).
   */
  pinged(message: PingMessage, from: Address): boolean {
    if (message.dialNonce !== undefined) this.firewall.arrived(message.dialNonce, from);
    if (message.dialTo === undefined && message.dialBack === undefined) return false;
    const dialBacks = this.#dialBacks ??= new DialBackService(this.#c);
    if (message.dialTo !== undefined) dialBacks.dial(from, message.dialTo);
    return message.dialBack !== undefined && dialBacks.forward(message.sender, from, message.dialBack);
  }

  /** The firewall verdict changed: judged again; turned client, the contacts hear it at once (client flag). */
  #turned(): void {
    this.#nat = undefined;
    if (!this.isClient) return;
    for (const contact of this.#c.table.closest(this.#c.table.self, TELL_CONTACTS)) {
      this.#c.rpc.call(contact, PROBE, contact.id, { retries: 0 }, () => undefined, () => undefined);
    }
  }

  /** A PONG from `from` arrived (matched to our PING, so `from` answers where it is asked). */
  heard(pong: PongMessage, from: Address): void {
    for (const listener of this.#listeners) listener(pong.observed, from);
    if (!pong.observed) return;
    this.#observer.observe(from, pong.observed);
    this.#dual.observe(from, pong.observed);
    this.#nat = undefined;
    this.firewall.observed();
  }

  /** Adds a listener of every PONG's observed address (ProtocolHost.onObserved); beyond MAX_OBSERVED_LISTENERS, ignored. */
  onObserved(listener: (observed: Address | undefined, observer: Address) => void): void {
    if (this.#listeners.length < MAX_OBSERVED_LISTENERS) this.#listeners.push(listener);
  }

  /** Its address in the other IP family than `to`'s, when it is dual-stack (request key 19). */
  altFor(to: Address): Address | undefined {
    return this.#dual.altFor(to);
  }

  /** The address the observers agree on, or `undefined`. */
  get publicAddress(): Address | undefined {
    return this.#observer.agreed()?.address;
  }

  get natType(): NatType {
    const bound = this.#c.transport.address;
    if (!this.#nat || this.#nat.bound !== bound) this.#nat = { type: this.#judge(bound), bound };
    return this.#nat.type;
  }

  #judge(bound: Address | undefined): NatType {
    const base = this.#base(bound);
    return base === "direct" && this.firewall.reachable === false ? "firewalled" : base;
  }

  /** What the observations say, before any dial-back. */
  #base(bound: Address | undefined): NatType {
    const agreed = this.#observer.agreed();
    if (!agreed || !bound) return "unknown";
    if (agreed.symmetric) return "symmetric";
    const own = socketHosts(bound.host, this.#c.localHosts).includes(agreed.address.host);
    return own && agreed.address.port === bound.port ? "direct" : "nat";
  }

  /** Behind a NAT or a firewall: what lets peers send to it are the mappings its own datagrams open. */
  #behind(): boolean {
    const nat = this.natType;
    return nat === "nat" || nat === "symmetric" || nat === "firewalled";
  }

  /** Whether this node declares itself a client (PONG key 10). */
  get isClient(): boolean {
    const { clientMode } = this.#init;
    if (clientMode !== "auto") return clientMode === "client";
    return this.#behind();
  }

  /**
   * PINGs up to 6 table contacts of distinct subnets, so that their PONGs report our address
   * now rather than at the next keep-alive (25 s). Nothing on loopback.
   */
  probe(): void {
    const bound = this.#c.transport.address;
    if (!bound || addressScope(bound.host) === "loopback") return;
    for (const contact of onePerSubnet(this.#c.table, this.#c.table.self, PROBE_CONTACTS)) {
      this.#c.rpc.call(contact, PROBE, contact.id, { retries: this.#init.requestRetries }, () => undefined, () => undefined);
    }
  }
}

/**
 * What every reply to one of our requests tells: its address is proven (10.6), a PONG reports
 * our address (to which our id may have to be bound, 10.9) and whether its sender is a client
 * (10.8), and the sender may enter the table.
 */
export function noteReply(message: KademliaResponseMessage, from: Address, routability: Routability, reachability: Reachability,
  contacts: ContactBook, binding?: { check(): void }): void {
  routability.proved(from);
  if (message.type !== "PONG") {
    contacts.answered(message.sender, from, undefined, message.type === "NODES" ? message.proof : undefined);
    if (message.type === "NODES") contacts.listed(message.contacts);
    return;
  }
  reachability.heard(message, from);
  if (message.observed) binding?.check(); // a server that learnt a public address moves to the id bound to it (10.9)
  contacts.answered(message.sender, from, message.client === true);
}
