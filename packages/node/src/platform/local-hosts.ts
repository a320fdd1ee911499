import { networkInterfaces } from "node:os";

/** This host's own IP addresses (every interface), for a node bound to a wildcard address. */
export function localHosts(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}
