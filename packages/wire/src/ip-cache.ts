import { bytesToIp, ipToBytes } from "@plexus/core";

/**
 * Memos of `ipToBytes` / `bytesToIp`: NODES replies repeat the same routing-table hosts over
 * and over, and converting them was the largest part of encoding and decoding a reply.
 * The cached bytes are only ever read (copied into the datagram), never handed out;
 * strings are immutable.
 * Bound: `bytesByHost` holds at most {@link MAX_CACHED_HOSTS} entries and is cleared when
 * full. Sized for a 10,000+ node simulation in one process (1,024 thrashed there); ~100 B
 * an entry.
 */
const MAX_CACHED_HOSTS = 65_536;
const bytesByHost = new Map<string, Uint8Array>();
/**
 * Text by address: direct-mapped tables (no key to allocate or hash as a Map would), each
 * slot the address as uint32 words and its text; a colliding address overwrites the slot.
 * Bound: {@link V4_SLOTS} and {@link V6_SLOTS} slots (~800 KiB and ~400 KiB).
 */
const V4_SLOTS = 65_536;
const v4Words = new Uint32Array(V4_SLOTS);
const v4Hosts = new Array<string | undefined>(V4_SLOTS).fill(undefined);
const V6_SLOTS = 16_384;
const v6Words = new Uint32Array(V6_SLOTS * 4);
const v6Hosts = new Array<string | undefined>(V6_SLOTS).fill(undefined);

/**
 * The 4 or 16 bytes of an IP literal.
 * @throws PlexusError `ERR_INVALID_ADDRESS` when `host` is not an IP literal (not cached).
 */
export function cachedIpBytes(host: string): Uint8Array {
  let bytes = bytesByHost.get(host);
  if (bytes === undefined) {
    bytes = ipToBytes(host);
    if (bytesByHost.size >= MAX_CACHED_HOSTS) bytesByHost.clear();
    bytesByHost.set(host, bytes);
  }
  return bytes;
}

/**
 * The dotted-quad IPv4 literal `host` as a big-endian uint32, or -1 when it is not one
 * (anything `isIPv4` of `@plexus/core` rejects: leading zeros, octets above 255, other
 * characters). NODES replies encode a routing table's hosts over and over: reading the few
 * characters of a string already in hand is cheaper than a map probe and a byte array.
 */
export function ipv4Word(host: string): number {
  const n = host.length;
  if (n < 7 || n > 15) return -1;
  let w = 0, octet = 0, digits = 0, dots = 0;
  for (let i = 0; i < n; i++) {
    const c = host.charCodeAt(i);
    if (c === 0x2e) { // "."
      if (digits === 0 || dots === 3) return -1;
      w = (w << 8) | octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && octet === 0) return -1; // a leading zero
      octet = octet * 10 + (c - 0x30);
      if (++digits > 3 || octet > 255) return -1;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return ((w << 8) | octet) >>> 0;
}

/** {@link cachedIpBytes} that returns `undefined` instead of throwing (the fast encoder's form). */
export function tryCachedIpBytes(host: string): Uint8Array | undefined {
  const bytes = bytesByHost.get(host);
  if (bytes !== undefined) return bytes;
  try {
    return cachedIpBytes(host);
  } catch {
    return undefined;
  }
}

/** `bytesToIp` of the 4 bytes at `b[at]`, from the memo; the caller checked bounds. */
export function cachedIpv4At(b: Uint8Array, at: number): string {
  const w = word(b, at);
  const h = Math.imul(w, 0x9e37_79b1);
  const slot = (h ^ (h >>> 16)) & (V4_SLOTS - 1);
  const cached = v4Hosts[slot];
  if (cached !== undefined && v4Words[slot] === w) return cached;
  const host = bytesToIp(b.slice(at, at + 4));
  v4Words[slot] = w;
  v4Hosts[slot] = host;
  return host;
}

/** `bytesToIp` of the 16 bytes at `b[at]`, from the memo; the caller checked bounds. */
export function cachedIpv6At(b: Uint8Array, at: number): string {
  const w0 = word(b, at);
  const w1 = word(b, at + 4);
  const w2 = word(b, at + 8);
  const w3 = word(b, at + 12);
  let h = Math.imul(w0, 0x9e37_79b1) ^ Math.imul(w1, 0x85eb_ca77) ^ Math.imul(w2, 0xc2b2_ae3d) ^ Math.imul(w3, 0x27d4_eb2f);
  h ^= h >>> 16;
  const slot = h & (V6_SLOTS - 1);
  const k = slot * 4;
  const cached = v6Hosts[slot];
  if (cached !== undefined && v6Words[k] === w0 && v6Words[k + 1] === w1 && v6Words[k + 2] === w2 && v6Words[k + 3] === w3) {
    return cached;
  }
  const host = bytesToIp(b.slice(at, at + 16));
  v6Words[k] = w0;
  v6Words[k + 1] = w1;
  v6Words[k + 2] = w2;
  v6Words[k + 3] = w3;
  v6Hosts[slot] = host;
  return host;
}

/** The 4 bytes at `b[at]` as a big-endian uint32; the caller checked bounds. */
export function word(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/**
 * `bytesToIp` of a 4- or 16-byte address, from the memos.
 * @throws PlexusError `ERR_INVALID_ADDRESS` for any other length.
 */
export function cachedIpString(ip: Uint8Array): string {
  if (ip.length === 4) return cachedIpv4At(ip, 0);
  if (ip.length === 16) return cachedIpv6At(ip, 0);
  return bytesToIp(ip);
}
