import { MAX_ROOM_CHARS, MAX_TEXT_BYTES } from "./constants.js";
import { isNick } from "./protocol.js";

/** One line of input, understood. */
export type Command =
  | { readonly kind: "say"; readonly text: string }
  | { readonly kind: "join"; readonly room: string }
  | { readonly kind: "leave" }
  | { readonly kind: "who" }
  | { readonly kind: "msg"; readonly nick: string; readonly text: string }
  | { readonly kind: "nick"; readonly nick: string }
  | { readonly kind: "help" }
  | { readonly kind: "quit" }
  | { readonly kind: "empty" }
  | { readonly kind: "invalid"; readonly code: "ERR_UNKNOWN_COMMAND" | "ERR_USAGE" | "ERR_TOO_LONG";
      readonly message: string };

/** The commands, for `/help` (usage, then what it does). */
export const COMMANDS: readonly { readonly usage: string; readonly summary: string }[] = [
  { usage: "/join #room", summary: "leave the current room and join another (alias /j)" },
  { usage: "/leave", summary: "leave the current room (alias /part)" },
  { usage: "/who", summary: "list the members of the current room (alias /names)" },
  { usage: "/msg nick text", summary: "send a direct message (alias /m)" },
  { usage: "/nick newname", summary: "change your nick" },
  { usage: "/help", summary: "show this list" },
  { usage: "/quit", summary: "leave and exit (also Ctrl-C, /exit)" },
  { usage: "//text", summary: "say a line that starts with a slash" },
];

/** Parses one input line. Anything not starting with `/` is said to the room. */
export function parseCommand(input: string): Command {
  const line = input.trim();
  if (line === "") return { kind: "empty" };
  if (!line.startsWith("/") || line.startsWith("//")) return say(line.startsWith("//") ? line.slice(1) : line);
  const [head = "", ...rest] = line.slice(1).split(/\s+/);
  const name = head.toLowerCase();
  const args = line.slice(1 + head.length).trim();
  switch (name) {
    case "join": case "j": {
      const room = normalizeRoom(rest[0] ?? "");
      return room === undefined || rest.length !== 1 ? usage("/join #room (letters, digits, - and _)") : { kind: "join", room };
    }
    case "leave": case "part": return rest.length === 0 ? { kind: "leave" } : usage("/leave");
    case "who": case "names": return { kind: "who" };
    case "msg": case "m": {
      const nick = rest[0] ?? "";
      const text = args.slice(nick.length).trim();
      if (!isNick(nick) || text === "") return usage("/msg nick text");
      return tooLong(text) ?? { kind: "msg", nick, text };
    }
    case "nick": return rest.length === 1 && isNick(rest[0]) ? { kind: "nick", nick: rest[0] }
      : usage("/nick newname (1-24 letters, digits or _-[]{}^|)");
    case "help": case "h": case "?": return { kind: "help" };
    case "quit": case "exit": case "q": return { kind: "quit" };
    default: return { kind: "invalid", code: "ERR_UNKNOWN_COMMAND", message: `unknown command /${head} (try /help)` };
  }
}

/** `"room"`, `"#Room"` -> `"#room"`; `undefined` when not a valid room name. */
export function normalizeRoom(name: string): string | undefined {
  const room = (name.startsWith("#") ? name : `#${name}`).toLowerCase();
  return room.length <= MAX_ROOM_CHARS && /^#[a-z0-9_-]+$/.test(room) ? room : undefined;
}

function say(text: string): Command {
  return tooLong(text) ?? { kind: "say", text };
}

function tooLong(text: string): Command | undefined {
  const bytes = Buffer.byteLength(text);
  return bytes > MAX_TEXT_BYTES
    ? { kind: "invalid", code: "ERR_TOO_LONG", message: `message is ${bytes} bytes, at most ${MAX_TEXT_BYTES}` }
    : undefined;
}

function usage(text: string): Command {
  return { kind: "invalid", code: "ERR_USAGE", message: `usage: ${text}` };
}
