import { randomBytes } from "node:crypto";
import type { ChatNetwork, TopicSubscription } from "./chat-network.js";
import { HISTORY_AUTHORS_ADVERTISED, SEEN_IDS_MAX } from "./constants.js";
import { describeError } from "./errors.js";
import type { EventSink, MemberView } from "./events.js";
import { loadHistory, storeLine } from "./history.js";
import type { ChatLine, RoomWire } from "./protocol.js";
import { decodeRoomWire, encodeWire, roomTopic } from "./protocol.js";
import { AuthorIndex, Roster } from "./roster.js";

/** Authors remembered per room (a bound on the author index). */
const AUTHORS_REMEMBERED = 64;

/** Who this client is, read at each use (the nick can change). */
export interface Me {
  readonly id: string;
  readonly nick: () => string;
}

/**
 * One joined room: the topic subscription, the presence heartbeat and roster, this
 * member's sequence of lines (its history ring), and the history shown on entry.
 */
export class RoomSession {
  readonly room: string;
  readonly #net: ChatNetwork;
  readonly #me: Me;
  readonly #emit: EventSink;
  readonly #presenceMs: number;
  readonly #roster: Roster;
  readonly #authors = new AuthorIndex(AUTHORS_REMEMBERED);
  readonly #seen = new Set<string>(); // bound: SEEN_IDS_MAX, oldest dropped first
  #head = 0;
  #subscription: TopicSubscription | undefined;
  #timer: NodeJS.Timeout | undefined;
  #heard: (() => void) | undefined;

  constructor(net: ChatNetwork, room: string, me: Me, presenceMs: number, emit: EventSink) {
    this.#net = net;
    this.room = room;
    this.#me = me;
    this.#presenceMs = presenceMs;
    this.#emit = emit;
    this.#roster = new Roster(presenceMs);
  }

  /**
   * Subscribes, says hello (members answer with their presence), starts the heartbeat,
   * then reads the history of the authors the first answers name and emits `history`.
   */
  async enter(): Promise<void> {
    this.#subscription = this.#net.subscribe(roomTopic(this.room), (data, origin) => this.#receive(data, origin));
    await this.#subscription.ready;
    this.#emit({ type: "join", room: this.room, nick: this.#me.nick(), id: this.#me.id, self: true });
    const heard = new Promise<void>((resolve) => (this.#heard = resolve));
    await this.#publish({ t: "hello", nick: this.#me.nick() });
    this.#timer = setInterval(() => this.#beat(), this.#presenceMs);
    this.#timer.unref();
    // Wait for the first presence (or one heartbeat interval when the room is empty).
    await Promise.race([heard, new Promise<void>((resolve) => setTimeout(resolve, this.#presenceMs).unref())]);
    const authors = this.#authors.recent(AUTHORS_REMEMBERED).filter((a) => a.id !== this.#me.id);
    const messages = await loadHistory(this.#net, this.room, authors, (id) => this.#seen.has(id));
    if (this.#subscription !== undefined) this.#emit({ type: "history", room: this.room, messages });
  }

  /** Publishes a line to the room and stores it in this member's history ring. */
  async say(text: string): Promise<void> {
    const line: ChatLine = { t: "msg", id: randomBytes(8).toString("hex"), seq: ++this.#head, nick: this.#me.nick(),
      text, ts: Date.now() };
    this.#remember(line.id);
    this.#authors.note(this.#me.id, line.nick, line.seq, line.ts);
    this.#emit({ type: "message", room: this.room, from: line.nick, fromId: this.#me.id, text, ts: line.ts,
      msgId: line.id, self: true });
    const [delivered, stored] = await Promise.all([
      this.#net.publish(roomTopic(this.room), encodeWire(line)), storeLine(this.#net, this.room, line)]);
    this.#emit({ type: "sent", room: this.room, msgId: line.id, delivered, stored });
  }

  /** The members, this client included. */
  who(): MemberView[] {
    const others = this.#roster.list().map((m) => ({ nick: m.nick, id: m.id, self: false }));
    return [...others, { nick: this.#me.nick(), id: this.#me.id, self: true }]
      .sort((a, b) => a.nick.localeCompare(b.nick));
  }

  /** The id of the member called `nick`, if present. */
  idOf(nick: string): string | undefined {
    return this.#roster.idOf(nick);
  }

  /** Publishes a presence now (after a nick change). */
  announce(): Promise<void> {
    return this.#publish(this.#presence());
  }

  /** Says bye, stops the heartbeat and unsubscribes. */
  async exit(reason: "leave" | "quit"): Promise<void> {
    clearInterval(this.#timer);
    this.#heard?.();
    await this.#publish({ t: "bye", nick: this.#me.nick(), reason }).catch(() => undefined);
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.#emit({ type: "leave", room: this.room, nick: this.#me.nick(), id: this.#me.id, self: true, reason });
  }

  #beat(): void {
    for (const member of this.#roster.expire(Date.now())) {
      this.#emit({ type: "leave", room: this.room, nick: member.nick, id: member.id, self: false, reason: "timeout" });
    }
    this.#publish(this.#presence()).catch(() => undefined);
  }

  #presence(): RoomWire {
    return { t: "presence", nick: this.#me.nick(), every: this.#presenceMs, head: this.#head,
      authors: this.#authors.recent(HISTORY_AUTHORS_ADVERTISED) };
  }

  async #publish(message: RoomWire): Promise<void> {
    try {
      await this.#net.publish(roomTopic(this.room), encodeWire(message));
    } catch (error) {
      if (message.t !== "presence") throw error;
      this.#emit({ type: "error", ...describeError(error) });
    }
  }

  #receive(data: string, origin: string): void {
    if (origin === this.#me.id || this.#subscription === undefined) return;
    const message = decodeRoomWire(data);
    if (message === undefined) return;
    if (message.t === "bye") {
      const member = this.#roster.remove(origin);
      if (member) this.#emit({ type: "leave", room: this.room, nick: member.nick, id: origin, self: false, reason: message.reason });
      return;
    }
    this.#sighted(origin, message.nick, message.t === "presence" ? message.every : undefined);
    if (message.t === "hello") this.announce().catch(() => undefined);
    else if (message.t === "presence") {
      this.#authors.note(origin, message.nick, message.head, Date.now());
      for (const author of message.authors) this.#authors.note(author.id, author.nick, author.head, 0);
      this.#heard?.();
    } else if (!this.#seen.has(message.id)) {
      this.#remember(message.id);
      this.#authors.note(origin, message.nick, message.seq, Date.now());
      this.#emit({ type: "message", room: this.room, from: message.nick, fromId: origin, text: message.text,
        ts: message.ts, msgId: message.id, self: false });
    }
  }

  #sighted(id: string, nick: string, every: number | undefined): void {
    const sighting = this.#roster.see(id, nick, Date.now(), every);
    if (sighting?.kind === "new") this.#emit({ type: "join", room: this.room, nick, id, self: false });
    else if (sighting?.kind === "renamed") this.#emit({ type: "nick", old: sighting.old, nick, id, self: false });
  }

  #remember(id: string): void {
    this.#seen.add(id);
    if (this.#seen.size > SEEN_IDS_MAX) this.#seen.delete(this.#seen.values().next().value!);
  }
}
