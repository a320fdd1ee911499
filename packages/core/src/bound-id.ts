import { addressScope } from "./address-scope.js";
import { ipToBytes } from "./ip.js";
import type { NodeId } from "./id.js";

/**
 * Address-bound node ids (docs/protocol.md 10.9), after BitTorrent's BEP 42: the top
 * {@link BOUND_ID_BITS} bits of a public server's id are the top bits of
 * CRC-32C((ip & mask) | r << 29) (IPv4; IPv6: the /64 with its mask), with `r` = 0, so an id
 * can sit only where its address puts it. The other bits are the node's own (SHA-256 of its
 * public key, docs/protocol.md 10.2). Pure: no I/O.
 */

/** Leading id bits an address fixes. */
export const BOUND_ID_BITS = 21;

/** BEP 42's masks: the bits of an IPv4 address and of an IPv6 /64 that enter the CRC. */
const V4_MASK = [0x03, 0x0f, 0x3f, 0xff] as const;
const V6_MASK = [0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, 0xff] as const;

/** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): 256 entries, computed once, never written. */
const CRC32C_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let i = 0; i < 8; i++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C of `bytes` (RFC 3720 B.4; iSCSI, SSE 4.2's `crc32`). `crc32c("123456789")` = 0xe3069283. */
export function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC32C_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The 4 bytes of an IPv4 address (IPv4-mapped IPv6 unwrapped) or the 16 of an IPv6 one; `undefined` for a non-IP host. */
function ipBytes(host: string): Uint8Array | undefined {
  let bytes: Uint8Array;
  try {
    bytes = ipToBytes(host);
  } catch {
    return undefined;
  }
  if (bytes.length === 16 && bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  return bytes;
}

/**
 * The CRC-32C BEP 42 computes for an address: of the masked IPv4 address (4 bytes) or the
 * masked first 8 bytes of an IPv6 address, with `r` (0..7) in the top 3 bits of the first
 * byte. Plexus binds with `r` = 0; other values are here for BEP 42's own test vectors.
 */
export function boundIdCrc(ip: Uint8Array, r = 0): number {
  const mask = ip.length === 4 ? V4_MASK : V6_MASK;
  const input = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) input[i] = ip[i]! & mask[i]!;
  input[0]! |= (r & 7) << 5;
  return crc32c(input);
}

/**
 * Whether an id at `host` must be bound to it: public addresses only. Loopback and private
 * ranges (a LAN, carrier NAT, unique-local IPv6) are exempt as in BEP 42; 198.18.0.0/15 is
 * public here (core addressScope). A host that is not an IP literal, and the unspecified
 * address (0.0.0.0, ::: a transport bound to every interface), need no binding.
 */
export function needsBoundId(host: string): boolean {
  if (host.startsWith("127.")) return false; // loopback, the simulator's common case, without parsing
  const ip = ipBytes(host);
  if (ip === undefined || ip.every((b) => b === 0)) return false; // not an IP, or the unspecified (wildcard) address
  return addressScope(ip.length === 4 ? `${ip[0]}.${ip[1]}.${ip[2]}.${ip[3]}` : host) === "public";
}

/** True when the top {@link BOUND_ID_BITS} bits of `id` are those `host` gives (false for a non-IP host). */
export function isIdBoundTo(id: NodeId, host: string): boolean {
  const ip = ipBytes(host);
  if (ip === undefined) return false;
  const crc = boundIdCrc(ip);
  return id[0] === crc >>> 24 && id[1] === ((crc >>> 16) & 0xff) && (id[2]! & 0xf8) === ((crc >>> 8) & 0xf8);
}

/**
 * True when `id` may be used by a server at `host`: bound to it, or `host` needs no binding
 * ({@link needsBoundId}). What a routing table asks before it admits a contact.
 */
export function idAllowedAt(id: NodeId, host: string): boolean {
  return !needsBoundId(host) || isIdBoundTo(id, host);
}

/**
 * `id` with its top {@link BOUND_ID_BITS} bits replaced by those `host` gives; the other 235
 * bits kept. A copy; `id` itself when `host` is not an IP literal.
 */
export function bindId(id: NodeId, host: string): NodeId {
  const ip = ipBytes(host);
  if (ip === undefined) return id;
  const crc = boundIdCrc(ip);
  const out = id.slice();
  out[0] = crc >>> 24;
  out[1] = (crc >>> 16) & 0xff;
  out[2] = ((crc >>> 8) & 0xf8) | (id[2]! & 0x07);
  return out;
}
