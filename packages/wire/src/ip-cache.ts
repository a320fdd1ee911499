import { ipToBytes } from "@plexus/core";

/**
 * `ipToBytes` with a small memo: NODES replies repeat the same routing-table hosts over
 * and over, and parsing the literal is the largest part of encoding one. The bytes are
 * only ever read (msgpackr copies them into the datagram), never handed out.
 * Bound: at most {@link MAX_CACHED_HOSTS} entries; the map is cleared when full.
 */
const MAX_CACHED_HOSTS = 1024;
const cache = new Map<string, Uint8Array>();

/**
 * The 4 or 16 bytes of an IP literal.
 * @throws PlexusError `ERR_INVALID_ADDRESS` when `host` is not an IP literal (not cached).
 */
export function cachedIpBytes(host: string): Uint8Array {
  let bytes = cache.get(host);
  if (bytes === undefined) {
    bytes = ipToBytes(host);
    if (cache.size >= MAX_CACHED_HOSTS) cache.clear();
    cache.set(host, bytes);
  }
  return bytes;
}
