import { PlexusError } from "./errors.js";
import { isIpLiteral } from "./ip.js";

/** A UDP endpoint: an IPv4 or IPv6 literal and a port. */
export interface Address {
  /** IP literal, e.g. `"127.0.0.1"` or `"::1"` (no brackets, no host names). */
  readonly host: string;
  /** UDP port, 0..65535 (0 only when asking a transport to pick one). */
  readonly port: number;
}

/** `host:port` (IPv6 in brackets), stable for use as a `Map` key. */
export function addressKey(address: Address): string {
  return address.host.includes(":")
    ? `[${address.host}]:${address.port}`
    : `${address.host}:${address.port}`;
}

/** True when both addresses name the same endpoint. */
export function sameAddress(a: Address, b: Address): boolean {
  return a.port === b.port && a.host === b.host;
}

/**
 * Checks and normalizes an endpoint given by a caller: an {@link Address} object or a
 * `"host:port"` string (`"[::1]:4000"` for IPv6). The host must be an IP literal
 * (`"localhost"` is read as `127.0.0.1`; there is no DNS) and the port an integer in
 * 1..65535. Returns a fresh plain object, so later changes to `value` do not reach it.
 * @throws PlexusError `ERR_INVALID_ADDRESS` for anything else, with `what` in the message.
 */
export function parseAddress(value: unknown, what = "address"): Address {
  let host: unknown, port: unknown;
  if (typeof value === "string") {
    const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value) ?? /^([^:]+):(\d{1,5})$/.exec(value);
    if (m) [host, port] = [m[1], Number(m[2])];
  } else if (typeof value === "object" && value !== null) {
    ({ host, port } = value as { host?: unknown; port?: unknown });
  }
  if (host === "localhost") host = "127.0.0.1";
  if (typeof host !== "string" || !isIpLiteral(host) || typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new PlexusError("ERR_INVALID_ADDRESS",
      `${what} must be { host: IP literal, port: 1..65535 } or "host:port", got ${describe(value)}`);
  }
  return { host, port };
}

/** A short, safe rendering of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  if (typeof value !== "object" || value === null) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 80)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
