/**
 * How far an address reaches (docs/protocol.md 10.8): `loopback` (this host), `private`
 * (a LAN or carrier NAT: RFC 1918, 100.64/10, link-local, IPv6 unique-local fc00::/7 and
 * link-local fe80::/10) or `public`. 198.18.0.0/15 (benchmarking, RFC 2544) counts as public.
 * Text literals as the transports give them (IPv4-mapped IPv6 already unwrapped).
 */
export type AddressScope = "loopback" | "private" | "public";

/** The second octet of a dotted quad starting at `at`, or -1. */
function octetAt(host: string, at: number): number {
  const end = host.indexOf(".", at);
  return end < 0 ? -1 : Number(host.slice(at, end));
}

function ipv4Scope(host: string): AddressScope {
  if (host.startsWith("127.")) return "loopback";
  if (host.startsWith("10.") || host.startsWith("192.168.") || host.startsWith("169.254.")) return "private";
  if (host.startsWith("172.")) {
    const second = octetAt(host, 4);
    return second >= 16 && second <= 31 ? "private" : "public";
  }
  if (host.startsWith("100.")) {
    const second = octetAt(host, 4);
    return second >= 64 && second <= 127 ? "private" : "public";
  }
  return "public";
}

/** The scope of an IP literal. */
export function addressScope(host: string): AddressScope {
  if (!host.includes(":")) return ipv4Scope(host);
  const lower = host.toLowerCase();
  if (lower === "::1") return "loopback";
  if (lower.startsWith("fc") || lower.startsWith("fd") || lower.startsWith("fe8") || lower.startsWith("fe9")
    || lower.startsWith("fea") || lower.startsWith("feb")) return "private";
  return "public";
}

const RANK: Record<AddressScope, number> = { loopback: 0, private: 1, public: 2 };

/**
 * Whether a contact at `contactHost` may be handed to a requester at `requesterHost`: never a
 * narrower scope than the requester's (no loopback or LAN addresses to the internet).
 */
export function reachableFrom(contactHost: string, requesterHost: string): boolean {
  return RANK[addressScope(contactHost)] >= RANK[addressScope(requesterHost)];
}
