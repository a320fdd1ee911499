/**
 * A minimal MessagePack writer for the envelope items Plexus uses (uint, bin, str, bool,
 * nil, array and map headers) into one reusable scratch buffer. Each item takes the same
 * encoding msgpackr picks for the value `encode.ts` used to hand it, so the bytes are
 * identical (test/fast-encode.test.ts checks that against msgpackr):
 * - uint: fixint below 0x80 (msgpackr with `useRecords: false`), then 0xcc / 0xcd / 0xce;
 *   above 2^32 - 1 the old path passed a bigint, which msgpackr writes as int64 (0xd3);
 * - bin (a `Uint8Array`): 0xc4 below 256 bytes, else 0xc5;
 * - str: fixstr / 0xd9 / 0xda by UTF-8 length; array and map headers: fix form below 16,
 *   else the 16-bit form.
 */

/**
 * Scratch capacity in bytes. Every message the fast encoder writes is bounded by the v1
 * limits to well under 1,300 bytes (the largest, NODES with 20 IPv6 contacts and a 32-byte
 * token, is 1,201); callers validate sizes before writing, so no write checks bounds.
 */
export const WRITER_SCRATCH_BYTES = 4096;

const TWO_POW_32 = 0x1_0000_0000;

/** Writes MessagePack items into a scratch buffer; {@link finish} copies them out. */
export class MsgpackWriter {
  readonly #buf = new Uint8Array(WRITER_SCRATCH_BYTES);
  #pos = 0;

  /** Bytes written since the last {@link reset}. */
  get length(): number {
    return this.#pos;
  }

  /** Starts a new item sequence at offset 0. */
  reset(): void {
    this.#pos = 0;
  }

  /** A uint in its shortest form (see the file comment); `n` is an integer in 0..2^53 - 1. */
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

  /** A bin item holding `bytes` (at most 65,535 of them). */
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
    this.#pos = copy(b, p, bytes);
  }

  /** A bin item of a 32-byte id: the hot case of {@link bin}. */
  id32(bytes: Uint8Array): void {
    const b = this.#buf;
    const p = this.#pos;
    b[p] = 0xc4;
    b[p + 1] = 32;
    this.#pos = copy(b, p + 2, bytes);
  }

  /** A bin item of the 4 bytes of an IPv4 address, given as a big-endian uint32. */
  ipv4(word: number): void {
    const b = this.#buf;
    const p = this.#pos;
    b[p] = 0xc4;
    b[p + 1] = 4;
    writeUint32(b, p + 2, word);
    this.#pos = p + 6;
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

  /** The bytes written since {@link reset}, as a new, exactly sized, plain `Uint8Array`. */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#pos);
  }

  /** The bytes written since {@link reset}, as a view of the scratch buffer (no copy): valid until the next write. */
  view(): Uint8Array {
    return this.#buf.subarray(0, this.#pos);
  }

  #header(n: number, fix: number, wide: number): void {
    const b = this.#buf;
    if (n < 0x10) {
      b[this.#pos++] = fix | n;
    } else {
      b[this.#pos] = wide;
      b[this.#pos + 1] = n >>> 8;
      b[this.#pos + 2] = n & 0xff;
      this.#pos += 3;
    }
  }
}

function writeUint32(b: Uint8Array, p: number, n: number): number {
  b[p] = n >>> 24;
  b[p + 1] = (n >>> 16) & 0xff;
  b[p + 2] = (n >>> 8) & 0xff;
  b[p + 3] = n & 0xff;
  return p + 4;
}

/** Copies `src` into `b` at `p`: a loop for addresses (cheaper than a call to `set`), else `set`. */
function copy(b: Uint8Array, p: number, src: Uint8Array): number {
  const n = src.length;
  if (n <= 16) {
    for (let i = 0; i < n; i++) b[p + i] = src[i]!;
  } else {
    b.set(src, p);
  }
  return p + n;
}
