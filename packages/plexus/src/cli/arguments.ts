/**
 * Parsing of the command's arguments and options into checked values; every failure is a
 * usage error (exit 2) that names the argument.
 */
import { isPlexusError, parseAddress } from "@plexus/core";
import type { Address } from "@plexus/core";
import { usageError } from "./exit-codes.js";

/** Environment variable read when `--bootstrap` is not given. */
export const BOOTSTRAP_ENV = "PLEXUS_BOOTSTRAP";
/** At most this many bootstrap addresses are kept (a longer list is a usage error). */
export const MAX_BOOTSTRAP_ADDRESSES = 64;

/** One `host:port` (`[::1]:9000`; `localhost` reads as 127.0.0.1). */
export function parseEndpoint(text: string, what = "address"): Address {
  const trimmed = text.trim();
  try {
    return parseAddress(trimmed, what);
  } catch (error) {
    if (isPlexusError(error)) throw usageError(`${what} "${text}" is not host:port with an IP address and a port 1..65535`);
    throw error;
  }
}

/**
 * Commander's collector for a repeatable `--bootstrap`: each value may be a comma list.
 * Bounded by {@link MAX_BOOTSTRAP_ADDRESSES}.
 */
export function collectAddresses(value: string, previous: Address[] = []): Address[] {
  const next = [...previous, ...value.split(",").filter((s) => s.trim() !== "").map((s) => parseEndpoint(s, "bootstrap address"))];
  if (next.length > MAX_BOOTSTRAP_ADDRESSES) throw usageError(`at most ${MAX_BOOTSTRAP_ADDRESSES} bootstrap addresses`);
  return next;
}

/** The bootstrap list: `--bootstrap`, else `$PLEXUS_BOOTSTRAP`, else a usage error that says how to get one. */
export function requireBootstrap(given: Address[] | undefined, env: NodeJS.ProcessEnv = process.env): Address[] {
  if (given !== undefined && given.length > 0) return given;
  const fromEnv = env[BOOTSTRAP_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "") return collectAddresses(fromEnv);
  throw usageError(`no bootstrap node: pass --bootstrap host:port (or set ${BOOTSTRAP_ENV}); ` +
    "start a local network with `plexus testnet`");
}

/** A port option: 0..65535 (0 lets the OS pick). */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw usageError(`port "${text}" is not a number 0..65535`);
  return port;
}

/** A whole number option within `[min, max]`. */
export function parseCount(text: string, min: number, max: number, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw usageError(`${what} "${text}" is not a whole number ${min}..${max}`);
  return n;
}

/** A duration in seconds (decimals allowed) as milliseconds, 0 < s <= 1 day. */
export function parseSeconds(text: string): number {
  const s = Number(text);
  if (text.trim() === "" || !Number.isFinite(s) || s <= 0 || s > 86_400) {
    throw usageError(`"${text}" is not a number of seconds between 0 and 86400`);
  }
  return Math.round(s * 1000);
}

/** A value or message from the command line: the string itself, or with `--json-input` the JSON it spells. */
export function parseInput(text: string, asJson: boolean | undefined): unknown {
  if (!asJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw usageError(`--json-input: "${text}" is not valid JSON`);
  }
}

/** A node id: 64 hex characters. */
export function parseNodeId(text: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw usageError(`node id "${text}" is not 64 hex characters`);
  return text.toLowerCase();
}
