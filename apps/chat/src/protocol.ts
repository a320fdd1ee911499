import { MAX_NICK_CHARS, MAX_TEXT_BYTES, NAMESPACE } from "./constants.js";

/** An author whose history log a late joiner should read: its id, nick and newest sequence number. */
export interface AuthorRef {
  readonly id: string;
  readonly nick: string;
  readonly head: number;
}

/** A room message; also the value stored in the author's history ring. */
export interface ChatLine {
  readonly t: "msg";
  /** Random id (16 hex digits): drops duplicates and ties the `sent` event to the line. */
  readonly id: string;
  /** The author's sequence number in this room, from 1; picks the history slot. */
  readonly seq: number;
  readonly nick: string;
  readonly text: string;
  /** Milliseconds since the epoch, the author's clock. */
  readonly ts: number;
}

/** What members publish to a room topic. */
export type RoomWire =
  | ChatLine
  /** A member entered the room; members answer with a presence at once. */
  | { readonly t: "hello"; readonly nick: string }
  /** The heartbeat: I am here (every `every` ms), my newest seq, and the recent authors I know. */
  | { readonly t: "presence"; readonly nick: string; readonly every: number; readonly head: number;
      readonly authors: readonly AuthorRef[] }
  /** A member left cleanly. */
  | { readonly t: "bye"; readonly nick: string; readonly reason: "leave" | "quit" };

/** A direct message. */
export interface DirectWire {
  readonly t: "dm";
  readonly id: string;
  readonly nick: string;
  readonly text: string;
  readonly ts: number;
}

/** An entry of the nick directory in the DHT (last writer wins; see the README). */
export interface NickEntry {
  readonly id: string;
  readonly ts: number;
}

/** The pub/sub topic of a room. */
export function roomTopic(room: string): string {
  return `${NAMESPACE}/room/${room}`;
}

/** The DHT key of one slot of an author's history ring in a room. */
export function historyKey(room: string, author: string, slot: number): string {
  return `${NAMESPACE}/history/${room}/${author}/${slot}`;
}

/** The DHT key of a nick's directory entry. */
export function nickKey(nick: string): string {
  return `${NAMESPACE}/nick/${nick.toLowerCase()}`;
}

/** Serializes a wire message (JSON: readable, and any peer can parse it). */
export function encodeWire(message: RoomWire | DirectWire | NickEntry): string {
  return JSON.stringify(message);
}

/** Parses a room message; `undefined` for anything malformed (peers are untrusted). */
export function decodeRoomWire(data: string): RoomWire | undefined {
  const m = parse(data);
  if (m === undefined || !isNick(m["nick"])) return undefined;
  switch (m["t"]) {
    case "msg": return decodeLine(m);
    case "hello": return { t: "hello", nick: m["nick"] };
    case "bye": return m["reason"] === "leave" || m["reason"] === "quit" ? { t: "bye", nick: m["nick"], reason: m["reason"] } : undefined;
    case "presence": {
      const { every, head, authors } = m;
      if (!isCount(every) || every < 1 || !isCount(head) || !Array.isArray(authors)) return undefined;
      const refs = authors.filter(isAuthorRef).map(({ id, nick, head: h }) => ({ id, nick, head: h }));
      return { t: "presence", nick: m["nick"], every, head, authors: refs };
    }
    default: return undefined;
  }
}

/** Parses a history record (a {@link ChatLine}); `undefined` when malformed. */
export function decodeLine(m: Record<string, unknown> | string): ChatLine | undefined {
  const r = typeof m === "string" ? parse(m) : m;
  if (r === undefined || r["t"] !== "msg" || !isNick(r["nick"]) || !isMsgId(r["id"])) return undefined;
  const { seq, text, ts } = r;
  if (!isCount(seq) || seq < 1 || !isText(text) || !isCount(ts)) return undefined;
  return { t: "msg", id: r["id"], seq, nick: r["nick"], text, ts };
}

/** Parses a direct message; `undefined` when malformed. */
export function decodeDirect(data: string): DirectWire | undefined {
  const m = parse(data);
  if (m === undefined || m["t"] !== "dm" || !isNick(m["nick"]) || !isMsgId(m["id"])) return undefined;
  const { text, ts } = m;
  return isText(text) && isCount(ts) ? { t: "dm", id: m["id"], nick: m["nick"], text, ts } : undefined;
}

/** Parses a nick directory entry; `undefined` when malformed. */
export function decodeNickEntry(data: string): NickEntry | undefined {
  const m = parse(data);
  return m !== undefined && isNodeId(m["id"]) && isCount(m["ts"]) ? { id: m["id"], ts: m["ts"] } : undefined;
}

/** True for a valid nick: 1..24 of letters, digits and `_-[]{}^|`. */
export function isNick(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_NICK_CHARS && /^[A-Za-z0-9_\-[\]{}^|]+$/.test(value);
}

/** True for a 64-hex-digit node id. */
export function isNodeId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
}

function parse(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isMsgId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{16}$/.test(value);
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && Buffer.byteLength(value) <= MAX_TEXT_BYTES;
}

function isAuthorRef(value: unknown): value is AuthorRef {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return isNodeId(r["id"]) && isNick(r["nick"]) && isCount(r["head"]);
}
