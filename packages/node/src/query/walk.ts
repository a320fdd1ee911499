import { bytesEqual } from "@plexus/core";
import type { Address, Cancel, Clock, Contact, NodeId } from "@plexus/core";
import type { KademliaResponseMessage as ResponseMessage } from "@plexus/wire";
import { RemoteError } from "../api/errors.js";
import { LOOKUP_RETRIES } from "../config/constants.js";
import { bytesKey } from "../ids/bytes-key.js";
import type { Rpc } from "../rpc/rpc.js";
import { CandidateState, Claims, Shortlist, answeredOnAny, unionWindow } from "./shortlist.js";
import type { Candidate } from "./shortlist.js";
import type { GetEvent } from "./types.js";
import type { FoundValue, WalkOptions, WalkOutcome, WalkSettings } from "./walk-types.js";
import { ProbeFirst } from "./probe-first.js";
import { Widening } from "./widening.js";

const REQUEST_OPTIONS = { retries: LOOKUP_RETRIES, backoff: false } as const; // for lost datagrams
/** Node's timers fire at once past a signed 32-bit count of ms: a longer deadline is clamped to it (24.8 days). */
const MAX_DEADLINE_MS = 2 ** 31 - 1;

type WalkBody = { readonly type: "FIND_VALUE"; readonly key: NodeId }
  | { readonly type: "FIND_NODE"; readonly target: NodeId; readonly wantToken?: true };

/**
 * The state of one iterative lookup (paper 2.3): a {@link Shortlist} sorted by distance to
 * the target, up to `alpha` requests outstanding (all of the window once replies stop
 * bringing closer candidates: {@link Widening}), done when the k closest live candidates
 * have all answered (failures leave the list) or, for FIND_VALUE, at the first value. A
 * request outstanding longer than the stall delay stops counting against alpha. Replies and
 * timers change the state and call `wake`; the generator in lookups.ts drives it.
 *
 * With `paths` > 1 the walk runs that many disjoint paths (S/Kademlia section 4.4): the
 * starting contacts are dealt out among them, a contact a reply lists joins the path of the
 * replier unless another path holds it already, and each path keeps its own shortlist and
 * alpha. Responders that list only each other then capture the paths that met them first,
 * not the others; the walk is done when every path converged (or at the first value), and
 * its result is the k closest that answered on any path.
 *
 * Bounded against lying responders: the walk takes at most `k` contacts from one reply, asks
 * an address (`host:port`) once whatever ids it is listed under (see {@link Shortlist}), so
 * at most 1 + `LOOKUP_RETRIES` = 3 datagrams go to any one address per walk, and at the
 * deadline (`timeoutMs`) it stops sending, forgets the requests still out and ends with the
 * closest that answered so far.
 */
export class Walk {
  readonly #rpc: Rpc;
  readonly #clock: Clock;
  readonly #s: WalkSettings;
  readonly #options: WalkOptions;
  readonly #target: NodeId;
  /** One shortlist per disjoint path. */
  readonly #lists: Shortlist[] = [];
  /** Requests counting against alpha, per path. */
  readonly #active: number[] = [];
  /** Requests out: one in all while probing (`probeFirst`), then alpha per path, k once the path is widened. */
  readonly #probe: ProbeFirst;
  readonly #widening: Widening;
  readonly #body: WalkBody;
  // One pair of callbacks per walk; the candidate travels as the call's context.
  readonly #onReply = (message: ResponseMessage, _from: Address, candidate: Candidate): void => this.reply(candidate, message);
  readonly #onError = (err: unknown, candidate: Candidate): void => this.fail(candidate, err);
  /** Bound: one per contact that answered. */
  readonly #tokens = new Map<string, Uint8Array>();
  /** Bound: one per contact that answered with an accepted value. */
  readonly #values: FoundValue[] = [];
  #events: GetEvent[] = []; // Bound: one per state change, taken by the driver every turn.
  #contacted = 0; #failed = 0; #depth = 0;
  #closed = false;
  #launching = false;
  #timedOut = false;
  #deadline: Cancel | undefined;
  #found: FoundValue | undefined;
  /** Called after a state change the driver must see; the driver sets it while it waits. */
  wake: (() => void) | undefined;

  constructor(rpc: Rpc, clock: Clock, settings: WalkSettings, target: NodeId, options: WalkOptions) {
    this.#rpc = rpc;
    this.#clock = clock;
    this.#s = settings;
    this.#options = options;
    this.#target = target;
    // Each path: the k closest plus 3k spares for failures.
    const claims = new Claims();
    for (let path = 0; path < Math.max(1, settings.paths); path++) {
      this.#lists.push(new Shortlist(target, settings.k * 4, settings.self, claims, path, settings.rules));
      this.#active.push(0);
    }
    this.#probe = new ProbeFirst(options.probeFirst === true);
    this.#widening = new Widening(this.#lists.length, settings.widenAfter ?? Infinity);
    this.#body = options.findValue ? { type: "FIND_VALUE", key: target }
      : options.wantToken ? { type: "FIND_NODE", target, wantToken: true } : { type: "FIND_NODE", target };
  }

  /**
   * Arms the deadline, seeds the shortlist (hop 1) and sends the first requests. `replicas`
   * (the route cache's or the full table's closest to the target) join the shortlist first
   * and are all asked at once, beside alpha: they are believed to be the k closest, so the
   * one round trip to them is what a repeat get needs. They change where the walk starts,
   * not when it ends (the k closest it knows have all answered), and `contacts` stay on
   * the list for when they fail.
   */
  start(contacts: readonly Contact[], replicas: readonly Contact[] = []): void {
    const { timeoutMs } = this.#s;
    if (Number.isFinite(timeoutMs)) this.#deadline = this.#clock.setTimeout(this.#expire, Math.min(timeoutMs, MAX_DEADLINE_MS));
    this.#probe.arm(this.#clock, () => this.#changed());
    // Dealt out closest first, so that every path starts near the target.
    const lists = this.#lists;
    const direct = replicas.map((c, i) => lists[i % lists.length]!.offer(c, 1));
    contacts.forEach((c, i) => lists[i % lists.length]!.offer(c, 1));
    for (const candidate of direct) if (candidate?.state === CandidateState.NEW) this.#launch(candidate);
    this.#pump();
  }

  /** Events recorded since the last call. */
  takeEvents(): GetEvent[] {
    const out = this.#events;
    if (out.length > 0) this.#events = [];
    return out;
  }

  /** True once a value or the deadline ended the walk, or the k closest all answered. */
  get done(): boolean {
    if (this.#found !== undefined || this.#timedOut) return true;
    const window = this.#window();
    if (!window) return this.#lists.every((list) => list.converged(this.#s.k));
    // As Shortlist.converged over the shared window: stalled candidates are counted past.
    return window.every((c) => c.state === CandidateState.ANSWERED) && (window.length >= this.#s.k || !this.#lists.some((l) => l.anyStalled));
  }

  /** With a shared window (see {@link WalkOptions.sharedWindow}): the k closest candidates on any path, not stalled. */
  #window(): Candidate[] | undefined {
    return this.#options.sharedWindow && this.#lists.length > 1 ? unionWindow(this.#lists, this.#s.k, this.#target) : undefined;
  }

  /** Stops timers and forgets requests still out (their late replies count as unmatched). */
  close(): void {
    this.#closed = true;
    this.#deadline?.();
    this.#probe.open();
    // A candidate with a request out or a stall timer armed is still on the list: only a
    // settled one is removed, and the list never drops one in flight.
    for (const list of this.#lists) {
      for (const candidate of list.candidates) {
        candidate.stall?.();
        if (candidate.call) this.#rpc.cancel(candidate.call);
      }
    }
  }

  outcome(): WalkOutcome {
    const { closest, rounds } = answeredOnAny(this.#lists, this.#s.k, this.#target);
    return {
      closest, rounds, depth: this.#depth, contacted: this.#contacted, failed: this.#failed,
      found: this.#found, tokens: this.#tokens, values: this.#values, timedOut: this.#timedOut,
    };
  }

  /** A reply from `candidate` (through the RPC layer). */
  reply(candidate: Candidate, message: ResponseMessage): void {
    if (this.#closed) return;
    this.#settle(candidate);
    if ((message.type === "NODES" || message.type === "VALUE") && message.token) {
      this.#tokens.set(bytesKey(candidate.contact.id), message.token);
    }
    if (this.#options.findValue && message.type === "VALUE" && bytesEqual(message.key, this.#target)) {
      if (this.#options.accept && !this.#options.accept(message.value)) {
        this.fail(candidate, new RemoteError(0, "value failed verification"));
        return;
      }
      candidate.state = CandidateState.ANSWERED;
      const value = { value: message.value, ttlMs: message.ttlMs, publisher: message.publisher, from: candidate.contact };
      if (!this.#options.collect) this.#found = value;
      else {
        this.#values.push(value);
        if (this.#options.stopAt?.(message.value)) this.#found = value;
      }
      this.#probe.open();
      this.#record({ type: "value", value: message.value, from: candidate.contact });
    } else if (message.type === "NODES") {
      candidate.state = CandidateState.ANSWERED;
      // At most k from one replier (paper 2.3: it returns k), however many the wire allows.
      const { contacts } = message;
      const list = this.#lists[candidate.path]!;
      const closest = list.candidates[0];
      for (let i = 0; i < contacts.length && i < this.#s.k; i++) list.offer(contacts[i]!, candidate.hop + 1);
      const closer = list.candidates[0] !== closest;
      this.#widening.note(candidate.path, candidate.round, closer);
      this.#probe.answered(closer);
      this.#record({ type: "answered", contact: candidate.contact, contacts: message.contacts });
    } else {
      this.fail(candidate, message.type === "ERROR" ? new RemoteError(message.code, message.message)
        : new RemoteError(0, `unexpected ${message.type}`));
      return;
    }
    this.#changed();
  }

  /** `candidate` failed (timeout, error reply, refused value): it leaves the shortlist. */
  fail(candidate: Candidate, error: unknown): void {
    if (this.#closed) return;
    // A refusal on the spot (full queue) must not re-enter #pump() while it iterates.
    if (this.#launching) {
      queueMicrotask(() => this.fail(candidate, error));
      return;
    }
    this.#settle(candidate);
    this.#probe.open();
    this.#lists[candidate.path]!.remove(candidate);
    this.#failed++;
    this.#record({ type: "failed", contact: candidate.contact, error: error instanceof Error ? error : new Error(String(error)) });
    this.#changed();
  }

  /** On every path: sends to the closest unasked candidates in its window, up to its width outstanding. */
  #pump(): void {
    if (this.#found || this.#timedOut) return;
    const { k } = this.#s;
    const probing = this.#probe.probing;
    const widthOf = (path: number): number => (probing ? 1 : this.#widening.wide(path) ? k : this.#s.alpha);
    const window = this.#window();
    if (window) {
      for (const c of window) {
        if (c.state !== CandidateState.NEW || this.#active[c.path]! >= widthOf(c.path)) continue;
        this.#launch(c);
        if (probing) return;
      }
      return;
    }
    for (let path = 0; path < this.#lists.length; path++) {
      const list = this.#lists[path]!.candidates;
      const width = widthOf(path);
      // The k closest counted past stalled candidates, as Shortlist.converged counts them.
      for (let i = 0, window = 0; i < list.length && window < k && this.#active[path]! < width; i++) {
        const state = list[i]!.state;
        if (state === CandidateState.STALLED) continue;
        window++;
        if (state !== CandidateState.NEW) continue;
        this.#launch(list[i]!);
        // Probing: the closest candidate (dealt first to path 0) is the one request out.
        if (probing) return;
      }
    }
  }

  #launch(candidate: Candidate): void {
    candidate.state = CandidateState.PENDING;
    candidate.round = this.#widening.round(candidate.path);
    this.#active[candidate.path]!++;
    this.#contacted++;
    if (candidate.hop > this.#depth) this.#depth = candidate.hop;
    this.#record({ type: "contacted", contact: candidate.contact });
    candidate.stall = this.#clock.setTimeout(() => this.#onStall(candidate), this.#s.stallMs());
    // Retries: on a lossy path the closest node must not drop out of the result because a
    // datagram was lost; the stall delay keeps the walk moving meanwhile.
    this.#launching = true;
    const nonce = this.#body.type === "FIND_NODE" ? this.#s.challenge?.(candidate.contact) : undefined;
    candidate.call = this.#rpc.call(candidate.contact, nonce ? { ...this.#body, nonce } : this.#body, candidate.contact.id, REQUEST_OPTIONS,
      this.#onReply, this.#onError, candidate);
    this.#launching = false;
  }

  #settle(candidate: Candidate): void {
    candidate.stall?.();
    candidate.stall = undefined;
    candidate.call = undefined;
    if (candidate.state === CandidateState.PENDING) this.#active[candidate.path]!--;
  }

  /** The deadline: no more requests; the driver sees `done` and ends the walk. */
  readonly #expire = (): void => {
    this.#deadline = undefined;
    if (this.#closed || this.done) return;
    this.#timedOut = true;
    this.#changed();
  };

  #onStall(candidate: Candidate): void {
    candidate.stall = undefined;
    if (this.#closed || candidate.state !== CandidateState.PENDING) return;
    candidate.state = CandidateState.STALLED;
    this.#active[candidate.path]!--;
    this.#probe.open();
    this.#record({ type: "stalled", contact: candidate.contact });
    this.#changed();
  }

  #record(event: GetEvent): void {
    if (this.#options.events !== false) this.#events.push(event);
  }

  #changed(): void {
    this.#pump();
    const wake = this.wake;
    // Without events the driver only has to wake to end, not once per reply.
    if (wake === undefined || (this.#options.events === false && !this.done)) return;
    this.wake = undefined;
    wake();
  }
}
