import type { Address } from "@plexus/core";
import { isIPv4, isIpLiteral } from "@plexus/core";

/** The two socket families of `node:dgram`. */
export type SocketType = "udp4" | "udp6";

const MAPPED_PREFIX = "::ffff:";

/** `udp6` for an IPv6 literal, else `udp4`. */
export function inferSocketType(host: string): SocketType {
  return host.includes(":") ? "udp6" : "udp4";
}

/** True for an integer port 0..65535. */
export function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= 65_535;
}

/** Turns an IPv4-mapped IPv6 literal (`::ffff:1.2.3.4`) into plain IPv4; others unchanged. */
export function normalizeHost(host: string): string {
  if (host.length > MAPPED_PREFIX.length && host.slice(0, MAPPED_PREFIX.length).toLowerCase() === MAPPED_PREFIX) {
    const v4 = host.slice(MAPPED_PREFIX.length);
    if (isIPv4(v4)) return v4;
  }
  return host;
}

/**
 * The host literal to pass to `socket.send` for `to`, or `undefined` when `to` cannot be
 * sent from a socket of `type` (not a literal, bad port, IPv6 from an IPv4 socket). A
 * `udp6` socket reaches IPv4 peers through their IPv4-mapped address.
 */
export function socketHost(to: Address, type: SocketType): string | undefined {
  if (typeof to?.host !== "string" || !isPort(to.port) || to.port === 0) return undefined;
  if (isIPv4(to.host)) return type === "udp4" ? to.host : MAPPED_PREFIX + to.host;
  if (type === "udp6" && to.host.includes(":") && isIpLiteral(to.host)) return to.host;
  return undefined;
}
