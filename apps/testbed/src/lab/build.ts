/**
 * Builds a topology in namespaces. Addressing (only 198.18.0.0/15 and fd00::/8):
 * - the internet segment: 198.18.0.0/16 and fd00::/48 on one bridge, each host or router in
 *   its own /24 and /64 there (as on the internet, where peers vote per subnet);
 * - host i, when public: 198.18.(i+1).10, fd00:0:0:(i+1)::10;
 * - host i behind a router: the router's WAN 198.18.(i+1).100 and fd00:0:0:(i+1)::100; its LAN
 *   198.19.i.0/24 under NAT (cone, symmetric) or the routed 198.19.(100+i).0/24 (firewall),
 *   and the routed fd00:1:(i+1)::/64; the router is .1 / ::1 of its LAN, the host .2 / ::2.
 * Every namespace on the internet segment gets routes to the routed LANs. Routers forward
 * with a stateful firewall (replies and outbound only, both families) and NAT IPv4 as their
 * kind says.
 */
import type { Lab } from "./lab.js";
import { inNs, sysctl } from "./shell.js";
import type { HostSpec, Topology } from "./topology.js";

export interface BuiltHost {
  readonly spec: HostSpec;
  readonly index: number;
  readonly ns: string;
  /** The router's namespace, for hosts behind one. */
  readonly router?: string;
  /** The IPv4 and IPv6 addresses of the host itself (LAN addresses behind a NAT). */
  readonly v4?: string;
  readonly v6?: string;
  /** What the node binds: its one address, or "::" (both families) when dual. */
  readonly bind: string;
}

const hex = (n: number): string => n.toString(16);
/** A router's WAN addresses and its LAN's IPv6 prefix (ending in "::"), for host index `i`. */
const wan4 = (i: number): string => `198.18.${i + 1}.100`;
const wan6 = (i: number): string => `fd00:0:0:${hex(i + 1)}::100`;
const lan6 = (i: number): string => `fd00:1:${hex(i + 1)}::`;
const wantsV4 = (h: HostSpec): boolean => h.family !== "v6";
const wantsV6 = (h: HostSpec): boolean => h.family !== "v4";

/**
 * The stateful firewall of a router: forward what the LAN starts and the replies to it, and
 * refuse unsolicited datagrams to the router itself from the WAN (OpenWrt's default "wan
 * input REJECT"). Without the INPUT rule Linux answers such a datagram with a port
 * unreachable and keeps its conntrack entry, so a hole-punching PING that arrives before the
 * host's own first datagram holds the mapping's port and MASQUERADE maps the host elsewhere.
 */
function firewall(router: string): void {
  for (const tool of ["iptables", "ip6tables"]) {
    inNs(router, tool, ["-A", "INPUT", "-i", "wan", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"]);
    inNs(router, tool, ["-A", "INPUT", "-i", "wan", "-p", "udp", "-j", "DROP"]);
    inNs(router, tool, ["-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"]);
    inNs(router, tool, ["-A", "FORWARD", "-i", "lan", "-j", "ACCEPT"]);
    inNs(router, tool, ["-A", "FORWARD", "-j", "DROP"]);
  }
}

/** (Re)writes the router's IPv4 NAT rule; `ports` moves every new mapping into that range. */
export function natRule(router: string, kind: HostSpec["kind"], ports?: string): void {
  inNs(router, "iptables", ["-t", "nat", "-F", "POSTROUTING"]);
  const extra = [...(kind === "symmetric" ? ["--random-fully"] : []), ...(ports ? ["--to-ports", ports] : [])];
  inNs(router, "iptables", ["-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-p", "udp", "-j", "MASQUERADE", ...extra]);
}

function buildRouted(lab: Lab, inet: string, spec: HostSpec, i: number): BuiltHost {
  const router = lab.namespace(`r${spec.name}`);
  const ns = lab.namespace(spec.name);
  lab.link(router, "wan", inet, `bridge:w${i}`);
  lab.link(router, "lan", ns, "eth0");
  lab.address(router, "wan", `${wan4(i)}/16`);
  lab.address(router, "wan", `${wan6(i)}/48`);
  const nat = spec.kind !== "firewall";
  const lan4 = nat ? `198.19.${i}` : `198.19.${100 + i}`;
  lab.address(router, "lan", `${lan4}.1/24`);
  lab.address(router, "lan", `${lan6(i)}1/64`);
  sysctl(router, "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
  firewall(router);
  if (nat) natRule(router, spec.kind);
  if (spec.udpTimeoutS) {
    sysctl(router, `net.netfilter.nf_conntrack_udp_timeout=${spec.udpTimeoutS[0]}`, `net.netfilter.nf_conntrack_udp_timeout_stream=${spec.udpTimeoutS[1]}`);
  }
  const v4 = wantsV4(spec) ? `${lan4}.2` : undefined;
  const v6 = wantsV6(spec) ? `${lan6(i)}2` : undefined;
  if (v4) {
    lab.address(ns, "eth0", `${v4}/24`);
    lab.route(ns, "default", `${lan4}.1`);
  }
  if (v6) {
    lab.address(ns, "eth0", `${v6}/64`);
    lab.route(ns, "default", `${lan6(i)}1`);
  }
  return { spec, index: i, ns, router, ...(v4 ? { v4 } : {}), ...(v6 ? { v6 } : {}), bind: spec.family === "dual" ? "::" : (v4 ?? v6)! };
}

function buildPublic(lab: Lab, inet: string, spec: HostSpec, i: number): BuiltHost {
  const ns = lab.namespace(spec.name);
  lab.link(ns, "eth0", inet, `bridge:h${i}`);
  const v4 = wantsV4(spec) ? `198.18.${i + 1}.10` : undefined;
  const v6 = wantsV6(spec) ? `fd00:0:0:${hex(i + 1)}::10` : undefined;
  if (v4) lab.address(ns, "eth0", `${v4}/16`);
  if (v6) lab.address(ns, "eth0", `${v6}/48`);
  return { spec, index: i, ns, ...(v4 ? { v4 } : {}), ...(v6 ? { v6 } : {}), bind: spec.family === "dual" ? "::" : (v4 ?? v6)! };
}

/** Builds every host of `topology` in `lab`. */
export function buildTopology(lab: Lab, topology: Topology): BuiltHost[] {
  const inet = lab.namespace("inet");
  lab.bridge(inet);
  const hosts = topology.hosts.map((spec, i) => (spec.kind === "public" ? buildPublic(lab, inet, spec, i) : buildRouted(lab, inet, spec, i)));
  // Routes to the routed LANs from everything on the internet segment (public hosts of that
  // family and routers, which have both).
  const onSegment = hosts.map((h) => ({ ns: h.router ?? h.ns, v4: Boolean(h.router ?? h.v4), v6: Boolean(h.router ?? h.v6) }));
  for (const target of hosts.filter((h) => h.router)) {
    for (const { ns, v4, v6 } of onSegment) {
      if (ns === target.router) continue;
      if (v6) lab.route(ns, `${lan6(target.index)}/64`, wan6(target.index));
      if (v4 && target.spec.kind === "firewall") lab.route(ns, `198.19.${100 + target.index}.0/24`, wan4(target.index));
    }
  }
  return hosts;
}
