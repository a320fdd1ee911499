import { bytesToIp, ipToBytes } from "@plexus/core";

/**
 * Memos of `ipToBytes` / `bytesToIp`: NODES replies repeat the same routing-table hosts over
 * and over, and converting them was the largest part of encoding and decoding a reply.
 * The cached bytes are only ever read (msgpackr copies them into the datagram), never
 * handed out; strings are immutable.
 * Bound: at most {@link MAX_CACHED_HOSTS} entries each; a map is cleared when full. Sized
 * for a 10,000+ node simulation in one process (1,024 thrashed there); ~100 B an entry.
 */
const MAX_CACHED_HOSTS = 65_536;
const bytesByHost = new Map<string, Uint8Array>();
/** IPv4 only, keyed by the address as a uint32 (no string built to look it up). */
const hostByV4 = new Map<number, string>();

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
 * `bytesToIp` of a 4- or 16-byte address; IPv4 from the memo (IPv6 is formatted each time).
 * @throws PlexusError `ERR_INVALID_ADDRESS` for any other length.
 */
export function cachedIpString(ip: Uint8Array): string {
  if (ip.length !== 4) return bytesToIp(ip);
  const key = ((ip[0]! << 24) | (ip[1]! << 16) | (ip[2]! << 8) | ip[3]!) >>> 0;
  let host = hostByV4.get(key);
  if (host === undefined) {
    host = bytesToIp(ip);
    if (hostByV4.size >= MAX_CACHED_HOSTS) hostByV4.clear();
    hostByV4.set(key, host);
  }
  return host;
}
