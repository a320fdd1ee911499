/**
 * The closing figures of issue 18 that are not per pairing: the share of the servers'
 * routing-table entries nobody can reach unsolicited (target 0), and what keeping NAT
 * mappings open costs a NATed node while idle, per minute.
 */
import type { BuiltHost } from "./lab/build.js";

/** A table entry as the agent reports it. */
export interface TableEntry {
  readonly host: string;
  readonly port: number;
}

/** The routing tables of the servers (public hosts whose node is not a client), classified. */
export interface TableFigures {
  /** Entries in the tables of the public hosts' nodes. */
  readonly entries: number;
  /** Of those, entries whose address is not a public host's: a NAT's, a firewalled host's, a LAN's. */
  readonly unreachable: number;
  /** `unreachable / entries`, 0 without entries. */
  readonly share: number;
  /** The unreachable entries, `name(kind) host:port`, for the report (at most 20). */
  readonly examples: readonly string[];
}

/** What a NATed (or firewalled) node sent while idle. */
export interface IdleCost {
  readonly host: number;
  readonly datagramsPerMinute: number;
  readonly bytesPerMinute: number;
}

/** The hosts anyone can reach unsolicited: the public ones, by each of their addresses. */
function reachableHosts(hosts: readonly BuiltHost[]): Set<string> {
  const out = new Set<string>();
  for (const h of hosts) {
    if (h.spec.kind !== "public") continue;
    if (h.v4) out.add(h.v4);
    if (h.v6) out.add(h.v6);
  }
  return out;
}

/** Who owns `address` (its LAN, public or router WAN address), for the examples. */
function ownerOf(hosts: readonly BuiltHost[], address: string): string {
  const owner = hosts.find((h) => h.v4 === address || h.v6 === address
    || address === `198.18.${h.index + 1}.100` || address === `fd00:0:0:${(h.index + 1).toString(16)}::100`);
  return owner ? `${owner.spec.name}(${owner.spec.kind})` : "?";
}

/** `tables[i]`: the entries of host `i`'s node (undefined when it did not answer); `servers[i]`: whether it is a public server. */
export function tableFigures(hosts: readonly BuiltHost[], tables: readonly (readonly TableEntry[] | undefined)[],
  servers: readonly boolean[]): TableFigures {
  const reachable = reachableHosts(hosts);
  let entries = 0, unreachable = 0;
  const examples: string[] = [];
  tables.forEach((table, i) => {
    if (!table || !servers[i]) return;
    for (const entry of table) {
      entries++;
      if (reachable.has(entry.host)) continue;
      unreachable++;
      if (examples.length < 20) examples.push(`${hosts[i]!.spec.name} holds ${ownerOf(hosts, entry.host)} ${entry.host}:${entry.port}`);
    }
  });
  return { entries, unreachable, share: entries === 0 ? 0 : unreachable / entries, examples };
}
