/**
 * A topology file: the hosts of one testbed run, each of one kind of connectivity and one
 * address family. Validated on load; names are short because they become namespace names.
 */
import { readFileSync } from "node:fs";

/**
 * - `public`: on the internet segment, reachable by anyone.
 * - `cone`: behind a home router doing NAT with endpoint-independent mapping (Linux
 *   MASQUERADE keeps the source port where it can) and address-and-port-dependent filtering;
 *   IPv6 routed, behind the router's stateful firewall.
 * - `symmetric`: NAT with a new random port per destination (`MASQUERADE --random-fully`).
 * - `firewall`: a public address behind a stateful firewall that drops unsolicited inbound.
 */
export const HOST_KINDS = ["public", "cone", "symmetric", "firewall"] as const;
export type HostKind = (typeof HOST_KINDS)[number];
export const FAMILIES = ["v4", "v6", "dual"] as const;
export type Family = (typeof FAMILIES)[number];

export interface HostSpec {
  readonly name: string;
  readonly kind: HostKind;
  readonly family: Family;
  /** UDP conntrack timeouts of the host's router, seconds (unreplied / replied). @default Linux's 30 / 120 */
  readonly udpTimeoutS?: readonly [number, number];
}

export interface Topology {
  readonly name: string;
  readonly hosts: readonly HostSpec[];
  /** Idle period before the reachability re-check, ms (longer than the routers' UDP timeouts). @default 0 (no idle phase) */
  readonly idleMs?: number;
  /** Re-check after every NAT router changes its mappings. @default false */
  readonly rebind?: boolean;
  /** Extra options of every node (`new Node(...)`), e.g. `{ "natKeepAliveIntervalMs": 0 }` to compare. */
  readonly nodeOptions?: Readonly<Record<string, unknown>>;
}

const fail = (message: string): never => { throw new Error(`topology: ${message}`); };

function parseHost(raw: unknown, index: number): HostSpec {
  const host = raw as Partial<HostSpec>;
  if (typeof host !== "object" || host === null) return fail(`hosts[${index}] is not an object`);
  if (typeof host.name !== "string" || !/^[a-z][a-z0-9]{0,7}$/.test(host.name)) return fail(`hosts[${index}].name must be 1-8 of [a-z0-9], starting with a letter`);
  if (!HOST_KINDS.includes(host.kind as HostKind)) return fail(`${host.name}: kind must be one of ${HOST_KINDS.join(", ")}`);
  if (!FAMILIES.includes(host.family as Family)) return fail(`${host.name}: family must be one of ${FAMILIES.join(", ")}`);
  const timeout = host.udpTimeoutS;
  if (timeout !== undefined && !(Array.isArray(timeout) && timeout.length === 2 && timeout.every((s) => Number.isInteger(s) && s > 0))) {
    return fail(`${host.name}: udpTimeoutS must be [unreplied, replied] in whole seconds`);
  }
  return host as HostSpec;
}

/** Checks a parsed topology; throws with what is wrong. */
export function parseTopology(raw: unknown): Topology {
  const topology = raw as Partial<Topology>;
  if (typeof topology !== "object" || topology === null || !Array.isArray(topology.hosts)) return fail("needs a hosts array");
  const hosts = topology.hosts.map(parseHost);
  if (hosts.length < 2 || hosts.length > 40) fail("needs 2 to 40 hosts");
  if (new Set(hosts.map((h) => h.name)).size !== hosts.length) fail("host names must be unique");
  const first = hosts[0]!;
  if (first.kind !== "public" || first.family !== "dual") fail("the first host is the bootstrap: kind public, family dual");
  const nodeOptions = topology.nodeOptions;
  if (nodeOptions !== undefined && (typeof nodeOptions !== "object" || nodeOptions === null || Array.isArray(nodeOptions))) fail("nodeOptions must be an object");
  return { name: String(topology.name ?? "unnamed"), hosts, idleMs: Number(topology.idleMs ?? 0), rebind: topology.rebind === true, ...(nodeOptions ? { nodeOptions } : {}) };
}

export function loadTopology(path: string): Topology {
  return parseTopology(JSON.parse(readFileSync(path, "utf8")));
}
