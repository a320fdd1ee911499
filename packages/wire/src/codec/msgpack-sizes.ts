/**
 * How many bytes each MessagePack item takes in the form {@link MsgpackWriter} writes (the
 * shortest one, as msgpackr picks it), so that an encoder can size a datagram exactly
 * before writing it. A wrong sum is harmless: the writer refuses a result that does not
 * fill the size it was given.
 */

const TWO_POW_32 = 0x1_0000_0000;

/** A uint `n` (an integer in 0..2^53 - 1): fixint, uint 8/16/32, or int 64 above 2^32 - 1. */
export function uintSize(n: number): number {
  if (n < 0x80) return 1;
  if (n < 0x100) return 2;
  if (n < 0x1_0000) return 3;
  return n < TWO_POW_32 ? 5 : 9;
}

/** A bin of `length` (< 65,536) bytes: bin 8 or bin 16, header included. */
export function binSize(length: number): number {
  return length < 0x100 ? 2 + length : 3 + length;
}

/** A str of `byteLength` (< 65,536) UTF-8 bytes: fixstr, str 8 or str 16, header included. */
export function strSize(byteLength: number): number {
  if (byteLength < 0x20) return 1 + byteLength;
  return byteLength < 0x100 ? 2 + byteLength : 3 + byteLength;
}

/** The header of an array or map of `n` (< 65,536) elements or pairs: the fix form below 16. */
export function containerHeaderSize(n: number): number {
  return n < 0x10 ? 1 : 3;
}
