import { addressKey, bytesEqual, isIPv4, sameAddress, toHex } from "@plexus/core";
import type { Address, Clock, Contact, Log, NodeId, Random, RoutingTable } from "@plexus/core";
import type { IdProof } from "@plexus/wire";
import { ALT_CHECK_MS, FRESH_CONTACT_MS, MAX_ADMISSION_PINGS, MAX_CLIENT_IDS, MAX_CONTACT_FAILURES, MAX_STALE_CONTACT_FAILURES } from "../config/constants.js";
import { AnswerChallenges } from "../identity/answer-challenges.js";
import { FullTable } from "./full-table.js";
import type { OneHopOptions } from "./full-table.js";
import type { SubnetLimits } from "./subnet-limits.js";
import { bytesKey } from "../ids/bytes-key.js";
import { isNeighbour, worthProvingAnswer } from "./proof-policy.js";
import type { NodeEvents } from "../api/node.js";
import { PeerContact } from "./peer-contact.js";

/** What {@link ContactBook} needs from the node. */
export interface ContactBookDeps {
  readonly table: RoutingTable;
  readonly clock: Clock;
  /** Sends a PING (with retries) to `address`; calls `done(true)` when it answered, else `done(false)`. */
  ping(address: Address, id: NodeId | undefined, done: (alive: boolean) => void): void;
  /**
   * When set (`verifyIdentities`), a contact is admitted only after this resolves true:
   * a PING with a nonce answered by a valid id proof for `id` (docs/protocol.md 10.2).
   */
  prove?: ((address: Address, id: NodeId) => Promise<boolean>) | undefined;
  /** With `prove`: the nonces of the id challenges our FIND_NODEs carry ({@link ContactBook.nonceFor}). */
  readonly random?: Random | undefined;
  emit<K extends "contact:added" | "contact:removed">(name: K, ...args: NodeEvents[K]): void;
  /** Subnet diversity of the table: asked before a new contact enters, told what enters and leaves. */
  readonly limits: SubnetLimits;
  /**
   * True when `address` proved it receives what is sent there (docs/protocol.md 10.6): a
   * requester is pinged for admission only then, so a spoofed request never makes this
   * node send a PING to a third party. Absent: every address counts as proven.
   */
  readonly proven?: ((address: Address) => boolean) | undefined;
  /** `plexus:routing`: contacts added and removed. @default silent */
  readonly log?: Log | undefined;
  /** `NodeInit.oneHop`: with `maxContacts` > 0, the book also keeps {@link ContactBook.full}. @default off */
  readonly oneHop?: Required<OneHopOptions> | undefined;
  /**
   * When set (`addressBoundIds`), a contact enters only when this is true: its id is bound to
   * its public address, or the address is exempt (docs/protocol.md 10.9). Absent: any id.
   */
  readonly allows?: ((id: NodeId, host: string) => boolean) | undefined;
}

/**
 * Routing-table admission and eviction (paper 2.2, 4.1):
 * - a contact that answered one of our requests enters the table verified;
 * - a requester we do not know, when its bucket has room (a full bucket would just park it
 *   in the replacement cache): a neighbour (among our k closest) gets a PING and enters
 *   verified on PONG; any other enters unverified (paper 2.2: any sender). An unverified
 *   contact is used by our own requests (lookups, bucket refresh, the ping of a full
 *   bucket's oldest), where it must answer and so becomes verified; until then NODES
 *   replies leave it out (no PING is sent for that), and one failed request removes it.
 *   With `prove` (verifyIdentities) a requester enters only after an id proof instead, and
 *   only a neighbour is challenged (a farther one enters once it answers us); a contact
 *   that answered us is challenged unless its full bucket has PROVEN_REPLACEMENTS waiting
 *   (by our FIND_NODE itself when it carried a nonce, its NODES the proof: no PING then);
 * - a full bucket pings its oldest contact, unless it was heard from within
 *   FRESH_CONTACT_MS, and evicts it only when it fails to answer;
 * - a known id never moves to a new address without an id proof from there: otherwise its
 *   old address gets a PING (when not fresh) and the new one a chance once it failed out;
 * - a new contact enters only within the subnet limits ({@link SubnetLimits}) and, with
 *   `allows` (addressBoundIds), only with an id bound to its public address;
 * - a contact leaves after MAX_CONTACT_FAILURES (2) consecutive failed requests when a
 *   replacement is waiting, else after MAX_STALE_CONTACT_FAILURES (5) (paper section 4.1):
 *   lost datagrams must not evict a live peer nor empty a table, while a dead one is
 *   still gone soon.
 */
export class ContactBook {
  readonly #d: ContactBookDeps;
  // The four collections below are made on first use: most are empty most of the time.
  /** Bound: MAX_ADMISSION_PINGS. The id proofs in flight, by id. */
  #admitting: Map<string, Promise<unknown>> | undefined;
  /** Bound: MAX_ADMISSION_PINGS. The admission / verification PINGs in flight, by id. */
  #verifying: Set<string> | undefined;
  /** Bound: one per bucket (at most 256). */
  #evicting: Set<string> | undefined;
  /**
   * Ids whose last PONG declared them clients (docs/protocol.md 10.8): kept out of the table.
   * Bound: MAX_CLIENT_IDS (insertion order; the oldest forgotten first).
   */
  #clients: Set<string> | undefined;

  /** The one-hop mode's full table, told of every node admitted, refreshed or failed here; none when off. */
  readonly full: FullTable | undefined;
  /** With `prove`: the id challenges out with our FIND_NODEs, answered in their NODES. */
  readonly #challenges: AnswerChallenges | undefined;

  constructor(deps: ContactBookDeps) {
    this.#d = deps;
    this.#challenges = deps.prove && deps.random ? new AnswerChallenges(deps.table.self, deps.random) : undefined;
    this.full = deps.oneHop && deps.oneHop.maxContacts > 0 ? new FullTable(deps.table.self, deps.oneHop) : undefined;
  }

  /** Resolves once the id proofs in flight now have settled: join awaits it before it looks at the table. */
  async settled(): Promise<void> {
    if (this.#admitting) await Promise.all([...this.#admitting.values()]);
  }

  /**
   * `id` answered a request of ours from `from`: add or refresh it (after an id proof, when
   * required). A PONG saying `client` (docs/protocol.md 10.8) removes it instead, and keeps
   * it out until a PONG without the flag.
   */
  answered(id: NodeId, from: Address, client?: boolean, proof?: IdProof): void {
    const { table, clock } = this.#d;
    if (client !== undefined && this.#client(id, client)) return;
    if (this.#isClient(id) || this.#d.allows?.(id, from.host) === false) return;
    const known = table.get(id) as PeerContact | undefined;
    if (this.#challenges?.awaiting(id)) { // our FIND_NODE's nonce: its NODES may prove it (10.2), checked if it still would enter
      if (!known && worthProvingAnswer(table, id) && this.#challenges.settle(id, from, proof)) return void this.#admit(id, from, true);
      this.#challenges.forget(id);
    }
    if (known && sameAddress(known, from)) {
      this.full?.learn(id, from);
      known.seenAt = clock.now();
      known.failures = 0;
      known.verified = true;
      table.add(known);
      return;
    }
    if (known && isIPv4(known.host) !== isIPv4(from.host)) { // its other family: it answered there (10.11)
      known.alt = { host: from.host, port: from.port };
      return;
    }
    if (this.#d.prove) {
      if (known || worthProvingAnswer(table, id)) this.#proveThenAdmit(id, from);
      else this.#pingIfStale(table.oldest(table.bucketIndexOf(id)) as PeerContact | undefined);
      return;
    }
    this.#admit(id, from);
  }

  /** The id challenge for a FIND_NODE to `id` at `at` (10.2): a nonce when its answer would be proven ({@link answered}). */
  nonceFor(id: NodeId, at: Address): Uint8Array | undefined {
    const { table } = this.#d;
    if (!this.#challenges || table.has(id) || this.#isClient(id) || !worthProvingAnswer(table, id)) return undefined;
    return this.#challenges.ask(id, at);
  }

  /**
   * Join's far-bucket probe of a contact a NODES reply listed: with `prove`, the id challenge
   * itself (its PONG admits it; one round trip instead of a PING and then a challenge);
   * `undefined` without `prove` (the caller PINGs; the PONG admits it through the reply hook).
   */
  challenge(id: NodeId, at: Address): Promise<unknown> | undefined {
    if (!this.#d.prove) return undefined;
    if (this.#isClient(id) || this.#d.allows?.(id, at.host) === false) return Promise.resolve();
    this.#proveThenAdmit(id, { host: at.host, port: at.port });
    return this.#admitting?.get(bytesKey(id)) ?? Promise.resolve();
  }

  /**
   * Adds `id` at `from` after it answered there. A known id at another address moves only
   * with `proven` (an id proof from `from`); otherwise its old address is pinged when not
   * fresh, and a new address gets in once the old entry has failed out.
   */
  #admit(id: NodeId, from: Address, proven = false): void {
    const { table, clock, limits } = this.#d;
    const known = table.get(id) as PeerContact | undefined;
    if (known && sameAddress(known, from)) return;
    if (this.#isClient(id)) return;
    if (known && !proven) {
      if (clock.now() - known.seenAt >= FRESH_CONTACT_MS) this.#pingOrEvict(known);
      return;
    }
    // The full table (one-hop mode) takes what the Kademlia table would consider (with
    // `prove`, only a node that proved its id), whether or not its bucket has room.
    this.full?.learn(id, from);
    if (!known && !limits.allows(from.host, table.bucketIndexOf(id))) return;
    const peer = new PeerContact(id, from, clock.now());
    const result = table.add(peer);
    if (result.status === "added") this.#entered(peer);
    else if (result.status === "updated") { // a proven move
      limits.removed(known!);
      limits.added(peer);
    } else if (result.status === "full") {
      this.#pingIfStale(result.oldest as PeerContact);
    }
  }

  /** Pings a full bucket's `oldest` (evicting it if it fails) unless it was heard from within FRESH_CONTACT_MS. */
  #pingIfStale(oldest: PeerContact | undefined): void {
    if (oldest && this.#d.clock.now() - oldest.seenAt >= FRESH_CONTACT_MS) this.#pingOrEvict(oldest);
  }

  /** Records whether `id` is a client; true when it is (and is now out of the table). */
  #client(id: NodeId, client: boolean): boolean {
    const key = bytesKey(id);
    if (!client) {
      this.#clients?.delete(key);
      return false;
    }
    const clients = (this.#clients ??= new Set());
    clients.delete(key);
    clients.add(key);
    if (clients.size > MAX_CLIENT_IDS) clients.delete(clients.values().next().value!);
    const known = this.#d.table.get(id);
    if (known) this.remove(known);
    return true;
  }

  /** Whether `id` declared itself a client (no key is built while none did: every reply asks). */
  #isClient(id: NodeId): boolean {
    return this.#clients !== undefined && this.#clients.size > 0 && this.#clients.has(bytesKey(id));
  }

  #entered(contact: Contact): void {
    this.#d.limits.added(contact);
    if (this.#d.log?.enabled) this.#d.log.debug("contact added", { id: toHex(contact.id), address: addressKey(contact), size: this.#d.table.size });
    this.#d.emit("contact:added", contact);
  }

  /**
   * `id` sent us a request from `from`. `client`: the request says it is a client (key 10,
   * docs/protocol.md 10.8): it is removed and kept out at once, without waiting for a PONG
   * (only a PONG without the flag lets it back in).
   */
  requested(id: NodeId, from: Address, client = false, alt?: Address): void {
    if (client && this.#client(id, true)) return;
    if (this.#isClient(id)) return;
    const { table, clock } = this.#d;
    // One-hop mode: a requester from a proven address (docs/protocol.md 10.6), unless ids must be proven first.
    if (this.full && !this.#d.prove && this.#d.proven?.(from) !== false && !this.#isClient(id) && this.#d.allows?.(id, from.host) !== false) {
      this.full.learn(id, from);
    }
    const known = table.get(id) as PeerContact | undefined;
    if (known) {
      // A known id from a new address is not trusted until it answers there.
      if (sameAddress(known, from)) {
        known.seenAt = clock.now();
        table.add(known);
        if (alt !== undefined) this.#checkAlt(known, alt);
      }
      return;
    }
    const index = table.bucketIndexOf(id);
    if (index < 0) return;
    if (table.bucketSize(index) >= table.k) return; // no copy: runs per unknown requester
    if (!this.#d.limits.allows(from.host, index) || this.#d.allows?.(id, from.host) === false) return;
    // Admission pings (an id proof, or a neighbour's PING) go only to proven addresses.
    const neighbour = isNeighbour(table, index);
    if (this.#d.prove && !neighbour) return; // challenged only as a neighbour (routing/proof-policy.ts)
    const pings = this.#d.prove !== undefined || neighbour;
    if (pings && this.#d.proven?.(from) === false) return;
    if (this.#d.prove) {
      if (!this.#challenges?.awaiting(id)) this.#proveThenAdmit(id, from); // else the answer to our nonce proves it
      return;
    }
    if (pings) {
      // Neighbours are what NODES replies hand out most: verify them now.
      this.#verify(id, from);
      return;
    }
    const peer = new PeerContact(id, from, clock.now(), false);
    if (table.add(peer).status === "added") this.#entered(peer);
  }

  /** One-hop mode: the nodes a NODES reply listed; each new one gets a PING and enters the full table if it answers. */
  listed(contacts: readonly Contact[]): void {
    const full = this.full;
    if (full) for (const c of contacts) if (!full.knows(c.id) && !bytesEqual(c.id, this.#d.table.self)) this.#verify(c.id, c);
  }

  /**
   * PINGs `id` at `from` (one at a time per id, at most MAX_ADMISSION_PINGS at once); the
   * PONG admits it through the RPC reply hook. Used for unknown neighbours.
   */
  #verify(id: NodeId, from: Address): void {
    const key = bytesKey(id);
    const verifying = (this.#verifying ??= new Set());
    if (verifying.has(key) || verifying.size >= MAX_ADMISSION_PINGS) return;
    verifying.add(key);
    this.#d.ping(from, id, () => verifying.delete(key));
  }

  /**
   * A verified contact declares its address in the other IP family (key 19, docs/protocol.md
   * 10.11): one PING there (at most once per ALT_CHECK_MS per contact, within the admission
   * PINGs' bound); its PONG records it as the contact's `alt` ({@link answered}).
   */
  #checkAlt(known: PeerContact, alt: Address): void {
    const now = this.#d.clock.now();
    if (!known.verified || isIPv4(alt.host) === isIPv4(known.host) || (known.alt && sameAddress(known.alt, alt))) return;
    const verifying = (this.#verifying ??= new Set());
    if ((known.altCheckedAt !== undefined && now - known.altCheckedAt < ALT_CHECK_MS) || verifying.size >= MAX_ADMISSION_PINGS) return;
    known.altCheckedAt = now;
    const key = `alt:${bytesKey(known.id)}`;
    verifying.add(key);
    this.#d.ping(alt, known.id, () => verifying.delete(key));
  }

  /** Challenges `id` at `from` (one at a time per id) and admits it when the proof holds. */
  #proveThenAdmit(id: NodeId, from: Address): void {
    const key = bytesKey(id);
    const admitting = (this.#admitting ??= new Map());
    if (admitting.has(key) || admitting.size >= MAX_ADMISSION_PINGS) return;
    const proving = this.#d.prove!(from, id).then((proven) => {
      if (proven) this.#admit(id, from, true);
    }).finally(() => admitting.delete(key));
    admitting.set(key, proving);
  }

  /** A request to `to`, expected to be `id`, failed after its retries. */
  failed(to: Address, id: NodeId | undefined): void {
    if (!id) return;
    this.#challenges?.forget(id);
    this.full?.forget(id, to);
    const known = this.#d.table.get(id) as PeerContact | undefined;
    if (!known || !sameAddress(known, to)) return;
    if (!known.verified) { // it never answered: most likely gone, or its address was forged
      this.remove(known);
      return;
    }
    known.failures++;
    if (known.failures < MAX_CONTACT_FAILURES) return;
    // Paper 4.1: drop a stale contact when a replacement can take its place; otherwise keep
    // it flagged until it has failed MAX_STALE_CONTACT_FAILURES times in a row.
    const waiting = this.#d.table.replacementCount(this.#d.table.bucketIndexOf(known.id));
    if (waiting > 0 || known.failures >= MAX_STALE_CONTACT_FAILURES) this.remove(known);
  }

  /** Removes `contact`; reports a promoted replacement as added. */
  remove(contact: Contact): void {
    const { table } = this.#d;
    const index = table.bucketIndexOf(contact.id);
    const before = table.bucketSize(index);
    const removed = table.remove(contact.id);
    if (!removed) return;
    this.#d.limits.removed(removed);
    if (this.#d.log?.enabled) this.#d.log.debug("contact removed", { id: toHex(removed.id), address: addressKey(removed), size: this.#d.table.size });
    this.#d.emit("contact:removed", removed);
    const after = table.bucketContacts(index);
    if (after.length === before) this.#entered(after[after.length - 1]!);
  }

  /** Pings `oldest` (once at a time) and removes it when it does not answer. */
  #pingOrEvict(oldest: PeerContact): void {
    const key = bytesKey(oldest.id);
    const evicting = (this.#evicting ??= new Set());
    if (evicting.has(key)) return;
    evicting.add(key);
    this.#d.ping(oldest, oldest.id, (alive) => {
      evicting.delete(key);
      const still = this.#d.table.get(oldest.id);
      if (!alive && still && sameAddress(still, oldest)) this.remove(still);
    });
  }
}
