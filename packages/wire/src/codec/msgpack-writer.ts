import { parseIpv6Into } from "../fields/ip-text.js";

/**
 * Writes MessagePack items into a datagram of a size given in advance (the encoder adds up
 * `msgpack-sizes.ts` first), so the result is exactly sized and belongs to the caller: no
 * scratch buffer, no copy (larger datagrams are views into Node's Buffer pool, see
 * `datagramOf`). Each item takes the form msgpackr gives the value the full
 * encode path hands it, so the bytes are identical (test/msgpack-writer.test.ts):
 * - uint: fixint below 0x80 (msgpackr with `useRecords: false`), then uint 8 / 16 / 32;
 *   above 2^32 - 1 the full path passes a bigint, which msgpackr writes as int 64 (`d3`);
 * - bin (a `Uint8Array`): bin 8 below 256 bytes, else bin 16;
 * - str: fixstr / str 8 / str 16 by UTF-8 length; array and map headers: the fix form below
 *   16, else the 16-bit form.
 *
 * One per codec (state: the datagram being written and the position in it). Writing past
 * the size given is never a memory hazard: typed arrays ignore such stores, and
 * {@link finish} then refuses the result because the position overshot.
 */

const TWO_POW_32 = 0x1_0000_0000;
/** What the writer holds between datagrams. */
const NOTHING = new Uint8Array(0);

function writeUint32(b: Uint8Array, p: number, n: number): number {
  b[p] = n >>> 24;
  b[p + 1] = (n >>> 16) & 0xff;
  b[p + 2] = (n >>> 8) & 0xff;
  b[p + 3] = n & 0xff;
  return p + 4;
}

/** Typed arrays up to this size live on V8's heap; larger ones get a buffer of their own. */
const ON_HEAP_MAX_BYTES = 64;

/**
 * A `Uint8Array` of `size` bytes for the writer to fill completely. Above
 * 64 bytes, `new Uint8Array(size)` allocates an off-heap buffer per datagram (2-4 us each
 * for 300-800 bytes, measured); a view into Node's `Buffer` pool (`Buffer.allocUnsafe`,
 * pooled below 4 KiB) costs 0.2-0.5 us. The view is a plain `Uint8Array`, so its
 * `.buffer` is the 8 KiB pool: read it only through `byteOffset`. Its bytes are not zeroed:
 * {@link MsgpackWriter.finish} hands it over only when every byte was written.
 */
function datagramOf(size: number): Uint8Array {
  if (size <= ON_HEAP_MAX_BYTES) return new Uint8Array(size);
  const pooled = Buffer.allocUnsafe(size);
  return new Uint8Array(pooled.buffer, pooled.byteOffset, size);
}

/** Writes MessagePack items into one datagram at a time. */
export class MsgpackWriter {
  #buf: Uint8Array = NOTHING;
  #pos = 0;

  /** Starts a datagram of exactly `size` bytes. */
  start(size: number): void {
    this.#buf = datagramOf(size);
    this.#pos = 0;
  }

  /**
   * The datagram, handed over to the caller (the writer keeps no reference), or `undefined`
   * when the items written do not fill exactly the size given to {@link start}.
   */
  finish(): Uint8Array | undefined {
    const datagram = this.#buf;
    const filled = this.#pos === datagram.length;
    this.#buf = NOTHING;
    this.#pos = 0;
    return filled ? datagram : undefined;
  }

  /** A uint in its shortest form; `n` is an integer in 0..2^53 - 1. */
  uint(n: number): void {
    const b = this.#buf;
    let p = this.#pos;
    if (n < 0x80) {
      b[p++] = n;
    } else if (n < 0x100) {
      b[p++] = 0xcc;
      b[p++] = n;
    } else if (n < 0x1_0000) {
      b[p++] = 0xcd;
      b[p++] = n >>> 8;
      b[p++] = n & 0xff;
    } else if (n < TWO_POW_32) {
      b[p++] = 0xce;
      p = writeUint32(b, p, n);
    } else {
      b[p++] = 0xd3;
      p = writeUint32(b, p, Math.floor(n / TWO_POW_32));
      p = writeUint32(b, p, n >>> 0);
    }
    this.#pos = p;
  }

  /** A bin item holding `bytes` (fewer than 65,536 of them). */
  bin(bytes: Uint8Array): void {
    const n = bytes.length;
    const b = this.#buf;
    let p = this.#pos;
    if (n < 0x100) {
      b[p++] = 0xc4;
      b[p++] = n;
    } else {
      b[p++] = 0xc5;
      b[p++] = n >>> 8;
      b[p++] = n & 0xff;
    }
    if (n <= 16) {
      // Addresses and nonces: a loop is cheaper than a call to `set`.
      for (let i = 0; i < n; i++) b[p + i] = bytes[i]!;
    } else if (p + n <= b.length) {
      b.set(bytes, p);
    }
    this.#pos = p + n;
  }

  /** A bin 8 item of the 4 bytes of an IPv4 address, given as a big-endian uint32. */
  ipv4(word: number): void {
    const b = this.#buf;
    const p = this.#pos;
    b[p] = 0xc4;
    b[p + 1] = 4;
    this.#pos = writeUint32(b, p + 2, word);
  }

  /**
   * A bin 8 item of the 16 bytes of the IPv6 literal `host`, when `parseIpv6Into` reads it;
   * false otherwise, having written nothing the next item does not overwrite.
   */
  ipv6(host: string): boolean {
    const b = this.#buf;
    const p = this.#pos;
    if (!parseIpv6Into(host, b, p + 2)) return false;
    b[p] = 0xc4;
    b[p + 1] = 16;
    this.#pos = p + 18;
    return true;
  }

  /** A str item: `text` is well-formed UTF-16 and `byteLength` its UTF-8 length (< 65,536). */
  str(text: string, byteLength: number): void {
    const b = this.#buf;
    let p = this.#pos;
    if (byteLength < 0x20) {
      b[p++] = 0xa0 | byteLength;
    } else if (byteLength < 0x100) {
      b[p++] = 0xd9;
      b[p++] = byteLength;
    } else {
      b[p++] = 0xda;
      b[p++] = byteLength >>> 8;
      b[p++] = byteLength & 0xff;
    }
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        b[p++] = c;
      } else if (c < 0x800) {
        b[p++] = (c >> 6) | 0xc0;
        b[p++] = (c & 0x3f) | 0x80;
      } else if ((c & 0xfc00) === 0xd800) {
        // A high surrogate: the caller checked that its low partner follows.
        c = 0x1_0000 + ((c & 0x3ff) << 10) + (text.charCodeAt(++i) & 0x3ff);
        b[p++] = (c >> 18) | 0xf0;
        b[p++] = ((c >> 12) & 0x3f) | 0x80;
        b[p++] = ((c >> 6) & 0x3f) | 0x80;
        b[p++] = (c & 0x3f) | 0x80;
      } else {
        b[p++] = (c >> 12) | 0xe0;
        b[p++] = ((c >> 6) & 0x3f) | 0x80;
        b[p++] = (c & 0x3f) | 0x80;
      }
    }
    this.#pos = p;
  }

  /** An array header for `n` (< 65,536) elements. */
  arrayHeader(n: number): void {
    this.#header(n, 0x90, 0xdc);
  }

  /** A map header for `n` (< 65,536) key/value pairs. */
  mapHeader(n: number): void {
    this.#header(n, 0x80, 0xde);
  }

  /** `true` (0xc3) or `false` (0xc2). */
  bool(value: boolean): void {
    this.#buf[this.#pos++] = value ? 0xc3 : 0xc2;
  }

  /** nil (0xc0). */
  nil(): void {
    this.#buf[this.#pos++] = 0xc0;
  }

  #header(n: number, fix: number, wide: number): void {
    const b = this.#buf;
    const p = this.#pos;
    if (n < 0x10) {
      b[p] = fix | n;
      this.#pos = p + 1;
    } else {
      b[p] = wide;
      b[p + 1] = n >>> 8;
      b[p + 2] = n & 0xff;
      this.#pos = p + 3;
    }
  }
}
