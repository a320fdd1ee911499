import { isIPv4 } from "@plexus/core";
import type { Address, Contact, NodeId } from "@plexus/core";
import type { ProtocolHost } from "@plexus/node";

/**
 * The server `target` when this relay can bridge IP families for a requester at `from`
 * (docs/protocol.md 13.6): a public relay with the target in its routing table (a verified
 * server, never a client) at an address of the other family than `from`'s, which the requester
 * can therefore not reach itself (its lookup never returns it). `undefined` otherwise: a target
 * of the requester's own family needs no relay, and a client relay bridges nothing.
 */
export function bridgeTarget(host: ProtocolHost, target: NodeId, from: Address): Contact | undefined {
  if (host.client) return undefined;
  const contact = host.table.get(target);
  if (!contact || isIPv4(contact.host) === isIPv4(from.host)) return undefined;
  return { id: contact.id, host: contact.host, port: contact.port };
}
