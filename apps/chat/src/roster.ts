import { MAX_MEMBERS_PER_ROOM, PRESENCE_MISSES } from "./constants.js";
import type { AuthorRef } from "./protocol.js";

/** A room member as the roster knows it. */
export interface Member {
  readonly id: string;
  nick: string;
  /** When we last heard from it, ms since the epoch. */
  lastSeen: number;
  /** Its heartbeat interval, in ms (from its presence; ours until it sent one). */
  every: number;
}

/** What {@link Roster.see} found: a new member, a renamed one, or one already known. */
export type Sighting =
  | { readonly kind: "new"; readonly member: Member }
  | { readonly kind: "renamed"; readonly member: Member; readonly old: string }
  | { readonly kind: "known"; readonly member: Member };

/**
 * The members of one room, refreshed by every message they publish and dropped after
 * missing {@link PRESENCE_MISSES} heartbeats. Pure: the caller passes the time.
 * Bound: at most {@link MAX_MEMBERS_PER_ROOM} members; beyond that, new ones are ignored
 * until someone leaves or expires.
 */
export class Roster {
  readonly #members = new Map<string, Member>();
  readonly #defaultEvery: number;

  constructor(defaultEveryMs: number) {
    this.#defaultEvery = defaultEveryMs;
  }

  /** Records that `id` (called `nick`) spoke at `now`; `every` when it said how often it beats. */
  see(id: string, nick: string, now: number, every?: number): Sighting | undefined {
    const known = this.#members.get(id);
    if (known === undefined) {
      if (this.#members.size >= MAX_MEMBERS_PER_ROOM) return undefined;
      const member = { id, nick, lastSeen: now, every: every ?? this.#defaultEvery };
      this.#members.set(id, member);
      return { kind: "new", member };
    }
    known.lastSeen = Math.max(known.lastSeen, now);
    if (every !== undefined) known.every = every;
    if (known.nick === nick) return { kind: "known", member: known };
    const old = known.nick;
    known.nick = nick;
    return { kind: "renamed", member: known, old };
  }

  /** Removes a member (it said bye); returns it when it was there. */
  remove(id: string): Member | undefined {
    const member = this.#members.get(id);
    this.#members.delete(id);
    return member;
  }

  /** Drops and returns the members not heard from for PRESENCE_MISSES of their intervals. */
  expire(now: number): Member[] {
    const gone: Member[] = [];
    for (const member of this.#members.values()) {
      if (now - member.lastSeen > member.every * PRESENCE_MISSES) gone.push(member);
    }
    for (const member of gone) this.#members.delete(member.id);
    return gone;
  }

  /** The id of the member called `nick` (case-insensitive), the most recently heard if several. */
  idOf(nick: string): string | undefined {
    let best: Member | undefined;
    for (const member of this.#members.values()) {
      if (member.nick.toLowerCase() === nick.toLowerCase() && (best === undefined || member.lastSeen > best.lastSeen)) {
        best = member;
      }
    }
    return best?.id;
  }

  /** The members, sorted by nick. */
  list(): Member[] {
    return [...this.#members.values()].sort((a, b) => a.nick.localeCompare(b.nick) || a.id.localeCompare(b.id));
  }
}

/**
 * Authors who wrote in a room lately, with their newest sequence number: where a late
 * joiner finds the history. Bound: `max` authors, the least recently active dropped first.
 */
export class AuthorIndex {
  readonly #authors = new Map<string, AuthorRef & { at: number }>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** Notes that `id` has written up to `head` (a higher head wins; `at` orders by recency). */
  note(id: string, nick: string, head: number, at: number): void {
    if (head < 1) return;
    const known = this.#authors.get(id);
    if (known !== undefined && known.head > head) return;
    this.#authors.delete(id);
    this.#authors.set(id, { id, nick, head, at: Math.max(at, known?.at ?? 0) });
    if (this.#authors.size > this.#max) {
      let oldest: string | undefined;
      let oldestAt = Infinity;
      for (const author of this.#authors.values()) {
        if (author.at < oldestAt) [oldest, oldestAt] = [author.id, author.at];
      }
      if (oldest !== undefined) this.#authors.delete(oldest);
    }
  }

  /** The `n` most recently active authors, newest first. */
  recent(n: number): AuthorRef[] {
    return [...this.#authors.values()].sort((a, b) => b.at - a.at).slice(0, n)
      .map(({ id, nick, head }) => ({ id, nick, head }));
  }
}
