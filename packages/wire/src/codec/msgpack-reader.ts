import { ID_BYTES } from "@plexus/core";
import type { Contact } from "@plexus/core";
import { ipv4TextAt, ipv6TextAt } from "../fields/ip-text.js";
import type { IdInterner } from "./id-interner.js";

/**
 * A cursor over one datagram that reads the MessagePack items the encoder writes, in those
 * forms only (the shortest uints, bin 8 / bin 16, fix-size headers), bounds-checked. Each
 * read either consumes a whole item it accepts or reports {@link READ_FAILED} (numbers) or
 * `undefined` (bytes, text), leaving the position unspecified: a failed read ends the fast
 * path, and the full decoder takes the datagram from the start.
 *
 * One per codec (state: the datagram and the position in it): decoding is synchronous and
 * never re-entered. Byte strings come back as compact, plain copies, never views of the
 * datagram, which the transport may reuse.
 */

/** What the number reads return for an item they do not accept. */
export const READ_FAILED = -1;

const TWO_POW_32 = 0x1_0000_0000;
/** What the reader holds between datagrams, so that the last one is not kept alive. */
const NOTHING = new Uint8Array(0);

/** Reads one datagram at a time. */
export class MsgpackReader {
  #b: Uint8Array = NOTHING;
  #pos = 0;
  #end = 0;

  /** Starts reading `bytes` from offset 0. */
  start(bytes: Uint8Array): void {
    // A plain view of a Buffer: `slice` on a Buffer would return a Buffer.
    this.#b = Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    this.#pos = 0;
    this.#end = bytes.length;
  }

  /** True when every byte was read. Forgets the datagram either way. */
  finish(): boolean {
    const complete = this.#pos === this.#end;
    this.#b = NOTHING;
    this.#pos = 0;
    this.#end = 0;
    return complete;
  }

  /** Consumes the next byte when it is `byte` (a one-byte item or header); false otherwise. */
  skip(byte: number): boolean {
    if (this.#pos >= this.#end || this.#b[this.#pos] !== byte) return false;
    this.#pos++;
    return true;
  }

  /** A uint item (fixint, uint 8 / 16 / 32 / 64, or a non-negative int 64) of at most `max`. */
  uint(max: number): number {
    const b = this.#b;
    const p = this.#pos;
    const left = this.#end - p;
    if (left < 1) return READ_FAILED;
    const t = b[p]!;
    let n: number;
    if (t < 0x80) {
      n = t;
      this.#pos = p + 1;
    } else if (t === 0xcc && left >= 2) {
      n = b[p + 1]!;
      this.#pos = p + 2;
    } else if (t === 0xcd && left >= 3) {
      n = (b[p + 1]! << 8) | b[p + 2]!;
      this.#pos = p + 3;
    } else if (t === 0xce && left >= 5) {
      n = word(b, p + 1);
      this.#pos = p + 5;
    } else if ((t === 0xcf || t === 0xd3) && left >= 9 && word(b, p + 1) <= 0x1f_ffff) {
      // Safe integers only (high word below 2^21), computed as msgpackr does: hi * 2^32 + lo.
      n = word(b, p + 1) * TWO_POW_32 + word(b, p + 5);
      this.#pos = p + 9;
    } else {
      return READ_FAILED;
    }
    return n <= max ? n : READ_FAILED;
  }

  /** The element count of a fixarray or array 16 header. */
  arrayHeader(): number {
    const b = this.#b;
    const p = this.#pos;
    if (p >= this.#end) return READ_FAILED;
    const t = b[p]!;
    if (t >= 0x90 && t <= 0x9f) {
      this.#pos = p + 1;
      return t & 0x0f;
    }
    if (t !== 0xdc || p + 3 > this.#end) return READ_FAILED;
    this.#pos = p + 3;
    return (b[p + 1]! << 8) | b[p + 2]!;
  }

  /** The pair count of a fixmap header. */
  fixmapHeader(): number {
    const p = this.#pos;
    if (p >= this.#end) return READ_FAILED;
    const t = this.#b[p]!;
    if (t < 0x80 || t > 0x8f) return READ_FAILED;
    this.#pos = p + 1;
    return t & 0x0f;
  }

  /** A copy of a bin 8 item of exactly `length` (< 256) bytes. */
  fixedBin(length: number): Uint8Array | undefined {
    const b = this.#b;
    const p = this.#pos;
    if (p + 2 + length > this.#end || b[p] !== 0xc4 || b[p + 1] !== length) return undefined;
    this.#pos = p + 2 + length;
    return b.slice(p + 2, p + 2 + length);
  }

  /** A 32-byte id (bin 8): the interner's shared copy when one is given, else a copy of its own. */
  id(interner: IdInterner | undefined): Uint8Array | undefined {
    if (interner === undefined) return this.fixedBin(ID_BYTES);
    const b = this.#b;
    const p = this.#pos;
    if (p + 2 + ID_BYTES > this.#end || b[p] !== 0xc4 || b[p + 1] !== ID_BYTES) return undefined;
    this.#pos = p + 2 + ID_BYTES;
    return interner.idAt(b, p + 2);
  }

  /** A copy of a bin 8 or bin 16 item of `min` to `max` bytes. */
  boundedBin(min: number, max: number): Uint8Array | undefined {
    const b = this.#b;
    const p = this.#pos;
    if (p + 2 > this.#end) return undefined;
    let at: number;
    let n: number;
    if (b[p] === 0xc4) {
      n = b[p + 1]!;
      at = p + 2;
    } else if (b[p] === 0xc5 && p + 3 <= this.#end) {
      n = (b[p + 1]! << 8) | b[p + 2]!;
      at = p + 3;
    } else {
      return undefined;
    }
    if (n < min || n > max || at + n > this.#end) return undefined;
    this.#pos = at + n;
    return b.slice(at, at + n);
  }

  /**
   * The items of a contact `[id, ip, port]` (the id a bin 8 of 32 bytes, the IP address one
   * of 4 or 16): the interner's shared contact for them. A known contact costs no id lookup.
   */
  contact(interner: IdInterner): Contact | undefined {
    const b = this.#b;
    const p = this.#pos;
    if (p + 2 + ID_BYTES > this.#end || b[p] !== 0xc4 || b[p + 1] !== ID_BYTES) return undefined;
    this.#pos = p + 2 + ID_BYTES;
    const n = this.#ipBytes();
    if (n === 0) return undefined;
    const at = this.#pos - n;
    const port = this.uint(0xffff);
    return port === READ_FAILED ? undefined : interner.contactAt(b, p + 2, at, n, port);
  }

  /** The text of an IP address held as a bin 8 of 4 or 16 bytes, as `bytesToIp` gives it. */
  ipText(): string | undefined {
    const n = this.#ipBytes();
    if (n === 0) return undefined;
    const at = this.#pos - n;
    return n === 4 ? ipv4TextAt(this.#b, at) : ipv6TextAt(this.#b, at);
  }

  /** Steps over an IP address held as a bin 8 of 4 or 16 bytes: its length, or 0 (nothing read) when malformed. */
  #ipBytes(): 0 | 4 | 16 {
    const b = this.#b;
    const p = this.#pos;
    if (p + 2 > this.#end || b[p] !== 0xc4) return 0;
    const n = b[p + 1]!;
    if ((n !== 4 && n !== 16) || p + 2 + n > this.#end) return 0;
    this.#pos = p + 2 + n;
    return n;
  }
}

/** The 4 bytes at `b[at]` as a big-endian uint32; the caller checked bounds. */
function word(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}
