import { addressScope, bytesEqual, isIPv4 } from "@plexus/core";
import type { Address, Clock, NodeId, Random, RoutingTable, Transport } from "@plexus/core";
import type { DialTarget } from "@plexus/wire";
import { TokenBuckets } from "../limits/token-buckets.js";
import { isShareable } from "../routing/peer-contact.js";
import { subnetKey } from "../routing/subnet-limits.js";
import type { MessageEncoder, Rpc } from "../rpc/rpc.js";
import type { Counters } from "../stats/counters.js";

/** What the dial-back roles of a peer use (docs/protocol.md 10.10). */
export interface DialBackComponents {
  readonly self: NodeId;
  readonly clock: Clock;
  readonly random: Random;
  readonly table: RoutingTable;
  readonly rpc: Rpc;
  /** Its bound address, and the sender of dial-backs (from a fresh port). */
  readonly transport: Transport;
  readonly codec: MessageEncoder;
  readonly counters: Counters;
  /** Whether `address` proved it receives what is sent there (docs/protocol.md 10.6). */
  readonly proven: (address: Address) => boolean;
}

/** Dial-backs one requester subnet may have forwarded: 1 per 2 s, a burst of 5. */
const FORWARD_PER_SUBNET = { ratePerSecond: 0.5, burstSeconds: 10, maxKeys: 1024 } as const;
/** Dial-backs a node sends toward one host: 1 per 5 s, a burst of 2 (a target is never flooded by many P). */
const DIAL_PER_TARGET = { ratePerSecond: 0.2, burstSeconds: 10, maxKeys: 1024 } as const;
/** All dial-back work of a node (forwarded and sent, each): 5 per second, a burst of 20. */
const DIAL_TOTAL = { ratePerSecond: 5, burstSeconds: 4, maxKeys: 1 } as const;
/** Contacts looked at to pick the third node. */
const CANDIDATES = 8;
const UINT32 = 2 ** 32;

const sameFamily = (a: string, b: string): boolean => isIPv4(a) === isIPv4(b);

/**
 * The two roles a node plays for others' firewall checks (docs/protocol.md 10.10):
 * - asked by A (a PING with `dialBack`), it picks a third node Q from its table, of another
 *   subnet than A and of A's address family, and asks Q (a PING with `dialTo`) to PING A's
 *   source address, which it forwards only for a proven A: the address is the one A's PING
 *   came from, so nobody can aim it at a third party;
 * - asked by P (`dialTo`), it sends that address one PING carrying the nonce, from
 *   a new port of its own when the transport can (so that A has never sent to that source):
 *   one datagram of ~60 bytes toward an unproven address per request of ~80, no retry, no
 *   state kept, and within rate limits per target host and in total.
 * Bound: three TokenBuckets of at most 1,024 keys each.
 */
export class DialBackService {
  readonly #c: DialBackComponents;
  readonly #forwards: TokenBuckets;
  readonly #targets: TokenBuckets;
  readonly #total: TokenBuckets;

  constructor(components: DialBackComponents) {
    this.#c = components;
    this.#forwards = new TokenBuckets(components.clock, FORWARD_PER_SUBNET);
    this.#targets = new TokenBuckets(components.clock, DIAL_PER_TARGET);
    this.#total = new TokenBuckets(components.clock, DIAL_TOTAL);
  }

  /** A asked (PING key 16) from `from`: true when a third node was asked to dial it back. */
  forward(requester: NodeId, from: Address, nonce: Uint8Array): boolean {
    const c = this.#c;
    const subnet = subnetKey(from.host);
    if (addressScope(from.host) === "loopback" || !c.proven(from)) return false;
    const target = c.random.bytes(32);
    const q = c.table.closest(target, CANDIDATES, (contact) => !isShareable(contact) || !sameFamily(contact.host, from.host)
      || subnetKey(contact.host) === subnet || bytesEqual(contact.id, requester))[0];
    if (q === undefined || !this.#forwards.take(subnet) || !this.#total.take("forward")) return false;
    const dialTo: DialTarget = { host: from.host, port: from.port, nonce };
    // Acknowledged only when the PING to Q went out or waits for a slot (a full queue refuses it at once).
    const call = c.rpc.call(q, { type: "PING", dialTo }, q.id, { retries: 0, onBehalf: true }, () => undefined, () => undefined);
    if (call === undefined) return false;
    c.counters.dialBacksForwarded++;
    return true;
  }

  /** P asked (PING key 17) from `from`: one PING toward `to`, within the limits. */
  dial(from: Address, to: DialTarget): void {
    const c = this.#c;
    const scope = addressScope(to.host);
    // Never toward loopback, nor toward a private address for a public P (docs/protocol.md 10.8 scopes).
    if (scope === "loopback" || (scope === "private" && addressScope(from.host) === "public")) return;
    // P need not be proven: nothing goes back to it but the PONG (within its credit, 10.6), and the
    // dial-back is smaller than the PING asking for it, rate-limited per target.
    if (!this.#targets.take(to.host) || !this.#total.take("dial")) return;
    let bytes: Uint8Array;
    try {
      bytes = c.codec.encode({ type: "PING", rid: c.random.int(UINT32), sender: c.self, dialNonce: to.nonce } as never);
    } catch {
      return;
    }
    c.counters.dialBacksSent++;
    const address = { host: to.host, port: to.port };
    if (c.transport.sendFromNewPort) c.transport.sendFromNewPort(address, bytes);
    else c.transport.send(address, bytes);
  }
}

