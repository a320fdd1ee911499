import { MAX_NESTING_DEPTH } from "../constants.js";
import type { WireDecodeErrorCode } from "../errors.js";

/**
 * A cheap structural pre-scan of one MessagePack item, run before msgpackr sees hostile
 * bytes. One pass, no allocation (except UTF-8 checks of str items), no recursion. It
 * guarantees that msgpackr will only meet: exactly one top-level item with no trailing
 * bytes, declared lengths that fit in the datagram, at most {@link MAX_NESTING_DEPTH}
 * nested containers, no ext types (so no msgpackr records, dates, typed arrays, ...), no
 * `0xc1`, and only valid UTF-8 strings.
 */

/** Scan flag: a float (0xca/0xcb) occurs outside every map. v1 allows floats only in extension maps. */
export const SCAN_FLAG_FLOAT_OUTSIDE_MAP = 1;

/** Either the scan flags (a non-negative number) or the code of the first problem found. */
export type ScanResult = number | WireDecodeErrorCode;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function isUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  // ASCII fast path; fall back to the platform's strict decoder for anything else.
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) {
      try {
        utf8.decode(bytes.subarray(i, end));
        return true;
      } catch {
        return false;
      }
    }
  }
  return true;
}

/** Big-endian unsigned read of `n` (1, 2 or 4) bytes at `pos`; caller checked bounds. */
function readLength(b: Uint8Array, pos: number, n: number): number {
  if (n === 1) return b[pos]!;
  if (n === 2) return (b[pos]! << 8) | b[pos + 1]!;
  return ((b[pos]! << 24) | (b[pos + 1]! << 16) | (b[pos + 2]! << 8) | b[pos + 3]!) >>> 0;
}

// Item kinds from the first byte of a non-fix item (0xc0..0xdf). Positive: fixed payload
// size in bytes. Negative codes below describe length-prefixed or special items.
const NIL_OR_BOOL = 0;
const BIN = -1;
const STR = -2;
const ARRAY = -3;
const MAP = -4;
const FLOAT = -5;
const INVALID = -6;
/** [kind or fixed payload size, length-prefix size] for bytes 0xc0..0xdf. */
const KIND: ReadonlyArray<readonly [number, number]> = [
  [NIL_OR_BOOL, 0], [INVALID, 0], [NIL_OR_BOOL, 0], [NIL_OR_BOOL, 0], // c0 nil, c1, c2 false, c3 true
  [BIN, 1], [BIN, 2], [BIN, 4], // c4..c6 bin 8/16/32
  [INVALID, 0], [INVALID, 0], [INVALID, 0], // c7..c9 ext 8/16/32
  [FLOAT, 4], [FLOAT, 8], // ca float32, cb float64
  [1, 0], [2, 0], [4, 0], [8, 0], // cc..cf uint 8/16/32/64
  [1, 0], [2, 0], [4, 0], [8, 0], // d0..d3 int 8/16/32/64
  [INVALID, 0], [INVALID, 0], [INVALID, 0], [INVALID, 0], [INVALID, 0], // d4..d8 fixext
  [STR, 1], [STR, 2], [STR, 4], // d9..db str 8/16/32
  [ARRAY, 2], [ARRAY, 4], // dc, dd array 16/32
  [MAP, 2], [MAP, 4], // de, df map 16/32
];

/**
 * The pre-scan with its two stacks (items left and map-or-array, per open container). One
 * per codec: a scan is synchronous and never re-entered, so a codec needs only one pair.
 */
export class MsgpackScanner {
  /** Bound: MAX_NESTING_DEPTH + 1 entries. */
  readonly #remainingStack = new Float64Array(MAX_NESTING_DEPTH + 1);
  /** Bound: MAX_NESTING_DEPTH + 1 entries. */
  readonly #isMapStack = new Uint8Array(MAX_NESTING_DEPTH + 1);

  /**
   * Scans `b` as exactly one MessagePack item.
   * @returns the scan flags (see {@link SCAN_FLAG_FLOAT_OUTSIDE_MAP}) or an error code.
   */
  scan(b: Uint8Array): ScanResult {
    return scanMsgpack(b, this.#remainingStack, this.#isMapStack);
  }
}

/** The scan itself; `remainingStack` and `isMapStack` hold MAX_NESTING_DEPTH + 1 entries. */
function scanMsgpack(b: Uint8Array, remainingStack: Float64Array, isMapStack: Uint8Array): ScanResult {
  const end = b.length;
  let pos = 0;
  let depth = 0; // open containers
  let remaining = 1; // items still to read at the current level
  let mapLevels = 0; // open maps among the containers
  let flags = 0;
  for (;;) {
    if (remaining === 0) {
      if (depth === 0) break;
      depth--;
      if (isMapStack[depth] === 1) mapLevels--;
      remaining = remainingStack[depth]!;
      continue;
    }
    if (pos >= end) return "ERR_WIRE_TRUNCATED";
    remaining--;
    const t = b[pos++]!;
    if (t < 0x80 || t >= 0xe0) continue; // positive / negative fixint
    let size: number; // payload bytes to skip
    let items = -1; // container item count, when a container
    let isMap = false;
    if (t < 0x90) {
      items = (t & 0x0f) * 2;
      isMap = true;
      size = 0;
    } else if (t < 0xa0) {
      items = t & 0x0f;
      size = 0;
    } else if (t < 0xc0) {
      size = t & 0x1f;
      if (pos + size > end) return "ERR_WIRE_TRUNCATED";
      if (!isUtf8(b, pos, pos + size)) return "ERR_WIRE_MALFORMED";
    } else {
      const [kind, prefix] = KIND[t - 0xc0]!;
      if (kind === INVALID) return "ERR_WIRE_MALFORMED";
      if (pos + prefix > end) return "ERR_WIRE_TRUNCATED";
      if (kind >= 0) {
        size = kind;
      } else if (kind === FLOAT) {
        size = prefix;
        if (mapLevels === 0) flags |= SCAN_FLAG_FLOAT_OUTSIDE_MAP;
      } else {
        const n = readLength(b, pos, prefix);
        pos += prefix;
        size = 0;
        if (kind === BIN || kind === STR) {
          size = n;
          if (pos + size > end) return "ERR_WIRE_TRUNCATED";
          if (kind === STR && !isUtf8(b, pos, pos + size)) return "ERR_WIRE_MALFORMED";
        } else {
          isMap = kind === MAP;
          items = isMap ? n * 2 : n;
        }
      }
    }
    if (items >= 0) {
      if (depth >= MAX_NESTING_DEPTH) return "ERR_WIRE_TOO_DEEP";
      // Every item takes at least one byte: a larger count cannot be honest.
      if (items > end - pos) return "ERR_WIRE_TRUNCATED";
      remainingStack[depth] = remaining;
      isMapStack[depth] = isMap ? 1 : 0;
      if (isMap) mapLevels++;
      depth++;
      remaining = items;
      continue;
    }
    if (pos + size > end) return "ERR_WIRE_TRUNCATED";
    pos += size;
  }
  return pos === end ? flags : "ERR_WIRE_TRAILING_BYTES";
}
