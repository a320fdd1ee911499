import type { ChatEvent, ShownMessage } from "./events.js";

/** How to render text events. */
export interface RenderOptions {
  /** ANSI colours (only on a TTY without NO_COLOR; see {@link useColor}). */
  readonly color: boolean;
  /** This client's id, to mark its own lines. */
  readonly selfId?: string;
  /** Formats a timestamp. @default local HH:MM */
  readonly clock?: (ts: number) => string;
}

/** Foreground colours nicks are drawn from (ANSI, readable on dark and light backgrounds). */
const NICK_COLORS = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96] as const;

/** True when colours should be used: a TTY, and no `NO_COLOR` (https://no-color.org). */
export function useColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env["NO_COLOR"] === undefined || env["NO_COLOR"] === "");
}

/** The ANSI colour code of a nick: FNV-1a of its lower-case form, so it is stable everywhere. */
export function nickColor(nick: string): number {
  let hash = 0x811c9dc5;
  for (const ch of nick.toLowerCase()) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return NICK_COLORS[hash % NICK_COLORS.length]!;
}

/** One JSON line for `--json` output. */
export function renderJson(event: ChatEvent): string {
  return JSON.stringify(event);
}

/** The text of an event for a person, or `undefined` for events not shown (e.g. `sent`). */
export function renderText(event: ChatEvent, options: RenderOptions): string | undefined {
  const paint = (code: number, text: string): string => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const dim = (text: string): string => paint(2, text);
  const nick = (name: string): string => paint(nickColor(name), name);
  const time = (ts: number): string => dim((options.clock ?? hhmm)(ts));
  const line = (m: ShownMessage): string => `${time(m.ts)} <${nick(m.from)}> ${m.text}`;
  const note = (text: string): string => dim(`-- ${text}`);
  switch (event.type) {
    case "ready": return note(`you are ${nick(event.nick)} (${event.id.slice(0, 8)}) on ${event.address.host}:${event.address.port}; `
      + `others join with --bootstrap ${event.address.host}:${event.address.port}. /help lists commands.`);
    case "join": return note(event.self ? `you joined ${event.room}` : `${nick(event.nick)} joined ${event.room}`);
    case "leave": return note(event.self ? `you left ${event.room}`
      : `${nick(event.nick)} ${event.reason === "timeout" ? "timed out of" : event.reason === "quit" ? "quit" : "left"} ${event.room}`);
    case "nick": return note(`${event.self ? "you are" : `${nick(event.old)} is`} now ${nick(event.nick)}`);
    case "message": return line(event);
    case "direct": return `${time(event.ts)} ${paint(1, "*")}${nick(event.from)}${paint(1, "*")} ${event.text}`;
    case "sent": return event.to === undefined ? undefined : note(`sent to ${nick(event.to)}`);
    case "history": return event.messages.length === 0 ? note(`no recent history in ${event.room}`)
      : [note(`last ${event.messages.length} messages in ${event.room}:`), ...event.messages.map(line), note("end of history")].join("\n");
    case "presence": return note(`${event.room}: ${event.members.map((m) => nick(m.nick) + (m.self ? " (you)" : "")).join(", ")}`);
    case "help": return event.commands.map((c) => `  ${c.usage.padEnd(16)} ${c.summary}`).join("\n");
    case "error": return paint(31, `! ${event.message} [${event.code}]`);
    case "quit": return note("bye");
  }
}

function hhmm(ts: number): string {
  const d = new Date(ts);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}
