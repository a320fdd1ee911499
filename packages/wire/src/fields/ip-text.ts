/**
 * IP literals to and from the bytes a contact carries on the wire (docs/protocol.md,
 * section 3 "Contact"), reading and writing in place: the same results as `ipToBytes` and
 * `bytesToIp` of `@plexus/core` without their intermediate arrays. The parsers accept a
 * subset of what `ipToBytes` accepts (no zone, no embedded dotted quad) and report anything
 * else as not parsed, so that the caller can ask `ipToBytes`; the formatters match
 * `bytesToIp` for every address (test/ip-text.test.ts checks both against core).
 */

const COLON = 0x3a;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * The dotted-quad IPv4 literal `host` as a big-endian uint32, or -1 when it is not one:
 * exactly the strings `isIPv4` of `@plexus/core` accepts (four decimal octets up to 255,
 * no leading zeros, nothing else).
 */
export function ipv4Word(host: string): number {
  const n = host.length;
  if (n < 7 || n > 15) return -1;
  let word = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = host.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      word = (word << 8) | octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (digits === 1 && octet === 0) return -1; // a leading zero
      octet = octet * 10 + (c - DIGIT_0);
      if (++digits > 3 || octet > 255) return -1;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return ((word << 8) | octet) >>> 0;
}

/** The value of hex digit `c` (either case), or -1. */
function hexDigit(c: number): number {
  if (c >= DIGIT_0 && c <= DIGIT_9) return c - DIGIT_0;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * Writes the 16 bytes of the IPv6 literal `host` to `out[at..at + 16]` and returns true, when
 * `host` is 1 to 8 groups of 1 to 4 hex digits separated by `:`, with at most one `::`
 * standing for at least one zero group. Returns false for anything else (a zone, an
 * embedded dotted quad, a malformed literal), having written an unspecified part of the 16
 * bytes: `ipToBytes` then decides. Bytes past the end of `out` are not written.
 */
export function parseIpv6Into(host: string, out: Uint8Array, at: number): boolean {
  const n = host.length;
  if (n < 2 || n > 39) return false;
  let i = 0;
  let groups = 0;
  let gap = -1; // the group index where "::" stands
  if (host.charCodeAt(0) === COLON) {
    if (host.charCodeAt(1) !== COLON) return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    const first = i;
    let value = 0;
    let digit: number;
    while (i < n && (digit = hexDigit(host.charCodeAt(i))) !== -1) {
      value = (value << 4) | digit;
      i++;
    }
    if (i === first || i - first > 4 || groups === 8) return false;
    out[at + groups * 2] = value >>> 8;
    out[at + groups * 2 + 1] = value & 0xff;
    groups++;
    if (i === n) break;
    if (host.charCodeAt(i) !== COLON || ++i === n) return false; // another character, or a trailing ":"
    if (host.charCodeAt(i) === COLON) {
      if (gap !== -1) return false;
      gap = groups;
      i++;
    }
  }
  if (gap === -1) return groups === 8;
  if (groups > 7) return false;
  // Move the groups after the gap to the end (last byte first: the ranges may overlap) and
  // zero the gap. At most 14 bytes: plain loops cost less than copyWithin and fill.
  const tail = (groups - gap) * 2;
  const from = at + gap * 2;
  const to = at + 16 - tail;
  for (let i = tail - 1; i >= 0; i--) out[to + i] = out[from + i]!;
  for (let i = from; i < to; i++) out[i] = 0;
  return true;
}

/** Decimal text of each byte value, alone ("0" .. "255") and followed by a dot; constant. */
const DECIMAL: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => String(i)));
const DECIMAL_DOT: readonly string[] = Object.freeze(DECIMAL.map((text) => `${text}.`));

/**
 * `bytesToIp` of the 4 bytes at `b[at]`; the caller checked bounds. Joins four table
 * entries: half the intermediate strings of a template literal, which matters when a node
 * decodes thousands of contacts a second.
 */
export function ipv4TextAt(b: Uint8Array, at: number): string {
  return DECIMAL_DOT[b[at]!]! + DECIMAL_DOT[b[at + 1]!]! + DECIMAL_DOT[b[at + 2]!]! + DECIMAL[b[at + 3]!]!;
}

/** Group `g` (0..7) of the IPv6 address at `b[at]`. */
function group(b: Uint8Array, at: number, g: number): number {
  return (b[at + 2 * g]! << 8) | b[at + 2 * g + 1]!;
}

/** Hex text of each byte value, without leading zeros ("0" .. "ff") and with ("00" .. "ff"); constant. */
const HEX: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => i.toString(16)));
const HEX_2: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0")));

/** `group(b, at, g).toString(16)`, from the byte tables (a radix conversion is a runtime call). */
function groupText(b: Uint8Array, at: number, g: number): string {
  const high = b[at + 2 * g]!;
  const low = b[at + 2 * g + 1]!;
  return high === 0 ? HEX[low]! : HEX[high]! + HEX_2[low]!;
}

/**
 * `bytesToIp` of the 16 bytes at `b[at]`: RFC 5952 text, with IPv4-mapped (`::ffff:a.b.c.d`)
 * and IPv4-compatible (`::a.b.c.d`, word 6 not zero) addresses as Node's sockets print them.
 * The caller checked bounds.
 */
export function ipv6TextAt(b: Uint8Array, at: number): string {
  let zeroPrefix = true;
  for (let i = 0; i < 10 && zeroPrefix; i++) zeroPrefix = b[at + i] === 0;
  if (zeroPrefix) {
    if (b[at + 10] === 0xff && b[at + 11] === 0xff) return `::ffff:${ipv4TextAt(b, at + 12)}`;
    if (b[at + 10] === 0 && b[at + 11] === 0 && (b[at + 12] !== 0 || b[at + 13] !== 0)) return `::${ipv4TextAt(b, at + 12)}`;
  }
  // RFC 5952 section 4.2: compress the first longest run of two or more zero groups.
  let bestStart = -1;
  let bestLength = 0;
  let runStart = -1;
  for (let g = 0; g < 8; g++) {
    if (group(b, at, g) !== 0) {
      runStart = -1;
      continue;
    }
    if (runStart === -1) runStart = g;
    const length = g - runStart + 1;
    if (length >= 2 && length > bestLength) {
      bestStart = runStart;
      bestLength = length;
    }
  }
  let text = "";
  for (let g = 0; g < 8; ) {
    if (g === bestStart) {
      text += "::";
      g += bestLength;
      continue;
    }
    if (g > 0 && g !== bestStart + bestLength) text += ":";
    text += groupText(b, at, g);
    g++;
  }
  return text;
}
