import { PlexusError } from "./errors.js";

/**
 * IP literal <-> bytes, so contacts travel as 4 or 16 bytes on the wire. Pure code (no
 * `node:net`) so that `@plexus/core` runs anywhere.
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True when `host` is a dotted-quad IPv4 literal. */
export function isIPv4(host: string): boolean {
  return IPV4.test(host);
}

function parseIPv4(host: string, out: Uint8Array, offset: number): void {
  const parts = host.split(".");
  for (let i = 0; i < 4; i++) out[offset + i] = Number(parts[i]);
}

function parseIPv6(host: string): Uint8Array | undefined {
  const zone = host.indexOf("%");
  if (zone !== -1) host = host.slice(0, zone);
  const out = new Uint8Array(16);
  let tail = host;
  let v4: string | undefined;
  const lastColon = host.lastIndexOf(":");
  if (lastColon !== -1 && host.includes(".", lastColon)) {
    v4 = host.slice(lastColon + 1);
    if (!isIPv4(v4)) return undefined;
    tail = host.slice(0, lastColon + 1) + "0:0";
  }
  const halves = tail.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const groups = head.length + rest.length;
  if (halves.length === 1 ? groups !== 8 : groups > 7) return undefined;
  const all = [...head, ...new Array<string>(8 - groups).fill("0"), ...rest];
  for (let i = 0; i < 8; i++) {
    const g = all[i]!;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  }
  if (v4 !== undefined) parseIPv4(v4, out, 12);
  return out;
}

/**
 * Parses an IPv4 (4 bytes) or IPv6 (16 bytes) literal.
 * @throws PlexusError `ERR_INVALID_ADDRESS` when `host` is not an IP literal.
 */
export function ipToBytes(host: string): Uint8Array {
  if (isIPv4(host)) {
    const out = new Uint8Array(4);
    parseIPv4(host, out, 0);
    return out;
  }
  const v6 = host.includes(":") ? parseIPv6(host) : undefined;
  if (!v6) throw new PlexusError("ERR_INVALID_ADDRESS", `not an IP literal: ${JSON.stringify(host)}`);
  return v6;
}

/**
 * True when the address prints with an embedded dotted quad, as libuv's `inet_ntop` (and so
 * every address Node's sockets report) does: IPv4-mapped `::ffff:a.b.c.d` (RFC 5952
 * section 5) and the deprecated IPv4-compatible `::a.b.c.d` whose word 6 is not zero.
 */
function hasEmbeddedIPv4(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  if (bytes[10] === 0xff && bytes[11] === 0xff) return true;
  return bytes[10] === 0 && bytes[11] === 0 && (bytes[12] !== 0 || bytes[13] !== 0);
}

/**
 * Formats 4 or 16 bytes as an IP literal: IPv6 in RFC 5952 form, with IPv4-mapped addresses
 * as `::ffff:a.b.c.d`, exactly as Node's sockets print them, so a host that went through
 * bytes compares equal (`sameAddress`) to the one a transport reported.
 * @throws PlexusError `ERR_INVALID_ADDRESS` for any other length.
 */
export function bytesToIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
  if (bytes.length !== 16) {
    throw new PlexusError("ERR_INVALID_ADDRESS", `an IP address has 4 or 16 bytes, not ${bytes.length}`);
  }
  if (hasEmbeddedIPv4(bytes)) {
    const quad = `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
    return bytes[10] === 0xff ? `::ffff:${quad}` : `::${quad}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  // RFC 5952 section 4.2: compress the longest run (length >= 2) of zero groups.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** True when `host` is an IPv4 or IPv6 literal that {@link ipToBytes} accepts. */
export function isIpLiteral(host: string): boolean {
  try {
    ipToBytes(host);
    return true;
  } catch {
    return false;
  }
}
