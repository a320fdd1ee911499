/**
 * What a node knows of its own reachability (docs/protocol.md 10.8):
 * - `unknown`: fewer than `addressQuorum` observer subnets agree yet;
 * - `direct`: the agreed address is one this node binds (its own, or one of the host's
 *   when it binds a wildcard): nothing translates its address;
 * - `nat`: the agreed address is not its own: a NAT maps it, unsolicited datagrams most
 *   likely do not get in;
 * - `symmetric`: observers agree on the host but see different ports;
 * - `firewalled`: `direct`, but the dial-backs it asked for do not get in (10.10): a
 *   stateful firewall drops unsolicited datagrams.
 */
export type NatType = "unknown" | "direct" | "nat" | "symmetric" | "firewalled";
