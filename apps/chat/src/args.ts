import { parseArgs } from "node:util";
import type { Address } from "plexus";
import { normalizeRoom } from "./commands.js";
import { DEFAULT_PRESENCE_MS, DEFAULT_ROOM } from "./constants.js";
import { ChatError } from "./errors.js";
import { isNick } from "./protocol.js";

/** Which network adapter to use: topics when the facade has them (`auto`), or forced. */
export type NetworkChoice = "auto" | "topics" | "broadcast";

/** The command line, understood. */
export interface CliOptions {
  readonly nick: string;
  readonly host: string;
  readonly port: number;
  readonly bootstrap: readonly Address[];
  readonly json: boolean;
  readonly stay: boolean;
  readonly presenceMs: number;
  readonly room: string;
  readonly network: NetworkChoice;
  readonly help: boolean;
}

/** `pnpm chat -- --help`. */
export const USAGE = `usage: pnpm chat -- --nick alice [--port 9000] [--host 127.0.0.1] [--bootstrap host:port]...
  --nick name         your nick (default: guest-XXXX)
  --host ip           IP literal to bind (default 127.0.0.1)
  --port n            UDP port to bind (default 0: the OS picks; the address is printed)
  --bootstrap h:p     join through a running node (repeat or comma-separate; "[::1]:9000" for IPv6)
  --room #name        room to join first (default ${DEFAULT_ROOM})
  --json              one JSON event per line on stdout
  --stay              keep running after stdin ends (scripts feeding a pipe)
  --presence-ms n     heartbeat interval; members expire after 3 missed (default ${DEFAULT_PRESENCE_MS})
  --network kind      auto | topics | broadcast (default auto)`;

/**
 * Parses the arguments after the script name (a leading `--` from `pnpm chat -- ...` is skipped).
 * @throws ChatError `ERR_USAGE` for anything unknown or malformed.
 */
export function parseCli(argv: readonly string[], random: () => number = Math.random): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv[0] === "--" ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        nick: { type: "string" }, host: { type: "string", default: "127.0.0.1" }, port: { type: "string", default: "0" },
        bootstrap: { type: "string", multiple: true, default: [] }, json: { type: "boolean", default: false },
        stay: { type: "boolean", default: false }, "presence-ms": { type: "string", default: String(DEFAULT_PRESENCE_MS) },
        room: { type: "string", default: DEFAULT_ROOM }, network: { type: "string", default: "auto" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new ChatError("ERR_USAGE", (error as Error).message);
  }
  const nick = values.nick ?? `guest-${Math.floor(random() * 0x10000).toString(16).padStart(4, "0")}`;
  if (!isNick(nick)) throw new ChatError("ERR_USAGE", `--nick: 1-24 letters, digits or _-[]{}^| (got "${nick}")`);
  const room = normalizeRoom(values.room);
  if (room === undefined) throw new ChatError("ERR_USAGE", `--room: not a room name: ${values.room}`);
  const network = values.network;
  if (network !== "auto" && network !== "topics" && network !== "broadcast") {
    throw new ChatError("ERR_USAGE", `--network: auto, topics or broadcast (got "${network}")`);
  }
  return {
    nick, host: values.host, port: integer("--port", values.port, 0, 65_535),
    bootstrap: values.bootstrap.flatMap((list) => list.split(",")).filter((s) => s !== "").map(parseAddress),
    json: values.json, stay: values.stay, presenceMs: integer("--presence-ms", values["presence-ms"], 50, 600_000),
    room, network, help: values.help,
  };
}

/**
 * `"127.0.0.1:9000"`, `"[::1]:9000"` or `"9000"` (127.0.0.1) to an address.
 * @throws ChatError `ERR_USAGE` when malformed.
 */
export function parseAddress(text: string): Address {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d+)$/.exec(text.trim()) ?? /^()()(\d+)$/.exec(text.trim());
  if (match === null) throw new ChatError("ERR_USAGE", `--bootstrap: expected host:port, got "${text}"`);
  const host = match[1] || match[2] || "127.0.0.1";
  return { host: host === "localhost" ? "127.0.0.1" : host, port: integer("--bootstrap port", match[3]!, 1, 65_535) };
}

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new ChatError("ERR_USAGE", `${name}: an integer in [${min}, ${max}] (got "${text}")`);
  return n;
}
