import { randomBytes } from "node:crypto";
import type { ChatNetwork } from "./chat-network.js";
import type { Command } from "./commands.js";
import { COMMANDS } from "./commands.js";
import { DEFAULT_ROOM, HISTORY_TTL_MS } from "./constants.js";
import { ChatError, describeError } from "./errors.js";
import type { EventSink } from "./events.js";
import { decodeDirect, decodeNickEntry, encodeWire, nickKey } from "./protocol.js";
import { RoomSession } from "./room-session.js";

/** Peers we exchanged direct messages with, by lower-case nick (bound: the oldest dropped past this). */
const PEERS_REMEMBERED = 64;

/** Options of a {@link Chat}. */
export interface ChatOptions {
  readonly nick: string;
  /** Presence heartbeat interval, in ms; members expire after missing 3. */
  readonly presenceMs: number;
  /** Room joined at start. @default "#lobby" */
  readonly room?: string;
}

/**
 * A chat client over a {@link ChatNetwork}: runs commands, keeps the current room, the
 * nick and the direct-message peers, and reports everything as events.
 */
export class Chat {
  readonly #net: ChatNetwork;
  readonly #emit: EventSink;
  readonly #presenceMs: number;
  readonly #peers = new Map<string, string>();
  #nick: string;
  #room: RoomSession | undefined;
  #closed = false;

  constructor(net: ChatNetwork, options: ChatOptions, emit: EventSink) {
    this.#net = net;
    this.#emit = emit;
    this.#nick = options.nick;
    this.#presenceMs = options.presenceMs;
    net.onDirect((data, from) => this.#direct(data, from));
  }

  /** The current nick. */
  get nick(): string {
    return this.#nick;
  }

  /** Emits `ready`, publishes the nick in the directory and joins the first room. */
  async start(room: string = DEFAULT_ROOM): Promise<void> {
    this.#emit({ type: "ready", address: this.#net.address, id: this.#net.idHex, nick: this.#nick, network: this.#net.kind });
    this.#publishNick().catch((error: unknown) => this.#fail(error));
    await this.#enter(room).catch((error: unknown) => this.#fail(error));
  }

  /** Runs one command; resolves `false` once the chat has quit. Failures become `error` events. */
  async run(command: Command): Promise<boolean> {
    if (this.#closed) return false;
    try {
      await this.#dispatch(command);
    } catch (error) {
      this.#fail(error);
    }
    return !this.#closed;
  }

  /** Leaves the room (announcing it), closes the network and emits `quit`; idempotent. */
  async quit(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const room = this.#room;
    this.#room = undefined;
    await room?.exit("quit");
    await this.#net.close();
    this.#emit({ type: "quit" });
  }

  async #dispatch(command: Command): Promise<void> {
    switch (command.kind) {
      case "empty": return;
      case "invalid": throw new ChatError(command.code, command.message);
      case "say": return this.#inRoom().say(command.text);
      case "join": return command.room === this.#room?.room ? undefined : this.#enter(command.room);
      case "leave": {
        const room = this.#inRoom();
        this.#room = undefined;
        return room.exit("leave");
      }
      case "who": {
        const room = this.#inRoom();
        this.#emit({ type: "presence", room: room.room, members: room.who() });
        return;
      }
      case "msg": return this.#sendDirect(command.nick, command.text);
      case "nick": return this.#rename(command.nick);
      case "help": this.#emit({ type: "help", commands: COMMANDS }); return;
      case "quit": return this.quit();
    }
  }

  async #enter(name: string): Promise<void> {
    const previous = this.#room;
    this.#room = undefined;
    await previous?.exit("leave");
    const room = new RoomSession(this.#net, name, { id: this.#net.idHex, nick: () => this.#nick }, this.#presenceMs, this.#emit);
    this.#room = room;
    await room.enter();
  }

  #inRoom(): RoomSession {
    if (this.#room === undefined) throw new ChatError("ERR_NOT_IN_ROOM", "not in a room: /join #room first");
    return this.#room;
  }

  async #rename(nick: string): Promise<void> {
    const old = this.#nick;
    if (old === nick) return;
    this.#nick = nick;
    this.#emit({ type: "nick", old, nick, id: this.#net.idHex, self: true });
    await Promise.all([this.#room?.announce(), this.#publishNick()]);
  }

  /** Finds the id behind `nick`: the room, then peers we talked to, then the DHT nick directory. */
  async #resolve(nick: string): Promise<string> {
    const known = this.#room?.idOf(nick) ?? this.#peers.get(nick.toLowerCase());
    if (known !== undefined) return known;
    const raw = await this.#net.get(nickKey(nick)).catch(() => undefined);
    const entry = raw === undefined ? undefined : decodeNickEntry(raw);
    if (entry === undefined || entry.id === this.#net.idHex) {
      throw new ChatError("ERR_UNKNOWN_NICK", `no one called ${nick} is known (not in this room nor in the directory)`);
    }
    return entry.id;
  }

  async #sendDirect(nick: string, text: string): Promise<void> {
    const to = await this.#resolve(nick);
    const msgId = randomBytes(8).toString("hex");
    try {
      await this.#net.send(to, encodeWire({ t: "dm", id: msgId, nick: this.#nick, text, ts: Date.now() }));
    } catch (error) {
      const { code, message } = describeError(error);
      throw new ChatError(code === "ERR_TIMEOUT" ? "ERR_TIMEOUT" : "ERR_UNREACHABLE", `${nick} is unreachable: ${message}`,
        { cause: error });
    }
    this.#remember(nick, to);
    this.#emit({ type: "sent", to: nick, msgId });
  }

  #direct(data: string, from: string): void {
    const message = decodeDirect(data);
    if (message === undefined || this.#closed) return;
    this.#remember(message.nick, from);
    this.#emit({ type: "direct", from: message.nick, fromId: from, text: message.text, ts: message.ts, msgId: message.id });
  }

  #remember(nick: string, id: string): void {
    this.#peers.delete(nick.toLowerCase());
    this.#peers.set(nick.toLowerCase(), id);
    if (this.#peers.size > PEERS_REMEMBERED) this.#peers.delete(this.#peers.keys().next().value!);
  }

  async #publishNick(): Promise<void> {
    await this.#net.put(nickKey(this.#nick), encodeWire({ id: this.#net.idHex, ts: Date.now() }), HISTORY_TTL_MS);
  }

  #fail(error: unknown): void {
    if (!this.#closed) this.#emit({ type: "error", ...describeError(error) });
  }
}
