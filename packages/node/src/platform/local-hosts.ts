import { networkInterfaces } from "node:os";

/** This host's own IP addresses (every interface), for a node bound to a wildcard address. */
export function localHosts(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

/**
 * The addresses a socket bound to `bound` is reached at: `bound` itself, or for a wildcard
 * the host's own addresses of its families: `0.0.0.0` the IPv4 ones, `::` all of them (a
 * dual-stack socket), IPv4 first, each family in `hosts`' order.
 */
export function socketHosts(bound: string, hosts: () => readonly string[]): readonly string[] {
  if (bound === "0.0.0.0") return hosts().filter((h) => !h.includes(":"));
  if (bound === "::") return [...hosts()].sort((a, b) => Number(a.includes(":")) - Number(b.includes(":")));
  return [bound];
}
