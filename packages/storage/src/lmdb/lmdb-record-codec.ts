import { ID_BYTES } from "@plexus/core";
import type { StoredRecord } from "@plexus/core";

/** Version byte that starts every stored record; bumped on any layout change. */
export const LMDB_RECORD_FORMAT = 1;
/** Bytes before the optional publisher: format (1), flags (1), expiresAt (8), storedAt (8). */
export const LMDB_RECORD_HEADER_BYTES = 18;
/** Flag bit: a 32-byte publisher id follows the header. */
const FLAG_PUBLISHER = 1;

/** What a stored entry says about its record without copying the value. */
export interface RecordHeader {
  readonly expiresAt: number;
  readonly storedAt: number;
  /** Byte offset of the value within the entry. */
  readonly valueOffset: number;
  /** Value length in bytes. */
  readonly valueBytes: number;
}

/**
 * Encodes the stored form of a record (the key is the LMDB key, not repeated):
 * `[format u8][flags u8][expiresAt f64 LE][storedAt f64 LE][publisher 32 B if flagged][value]`.
 * Times are float64 so `Infinity` (never expires) round-trips.
 */
export function encodeStoredRecord(record: StoredRecord): Uint8Array {
  const pub = record.publisher;
  const valueOffset = LMDB_RECORD_HEADER_BYTES + (pub ? ID_BYTES : 0);
  const out = new Uint8Array(valueOffset + record.value.length);
  const view = new DataView(out.buffer);
  out[0] = LMDB_RECORD_FORMAT;
  out[1] = pub ? FLAG_PUBLISHER : 0;
  view.setFloat64(2, record.expiresAt, true);
  view.setFloat64(10, record.storedAt, true);
  if (pub) out.set(pub, LMDB_RECORD_HEADER_BYTES);
  out.set(record.value, valueOffset);
  return out;
}

/**
 * Reads the header of a stored entry, or `undefined` when the entry is not in a format
 * this version understands (wrong version byte, truncated).
 */
export function readRecordHeader(entry: Uint8Array): RecordHeader | undefined {
  if (entry.length < LMDB_RECORD_HEADER_BYTES || entry[0] !== LMDB_RECORD_FORMAT) return undefined;
  const flags = entry[1]!;
  if ((flags & ~FLAG_PUBLISHER) !== 0) return undefined;
  const valueOffset = LMDB_RECORD_HEADER_BYTES + (flags & FLAG_PUBLISHER ? ID_BYTES : 0);
  if (entry.length < valueOffset) return undefined;
  const view = new DataView(entry.buffer, entry.byteOffset, entry.length);
  return {
    expiresAt: view.getFloat64(2, true),
    storedAt: view.getFloat64(10, true),
    valueOffset,
    valueBytes: entry.length - valueOffset,
  };
}

/**
 * Decodes a stored entry into a frozen record with its own plain `Uint8Array`s (the entry
 * may be LMDB's reused read buffer, so everything is copied out).
 */
export function decodeStoredRecord(key: Uint8Array, entry: Uint8Array): StoredRecord | undefined {
  const header = readRecordHeader(entry);
  if (header === undefined) return undefined;
  // A plain view, so that `slice` copies into a plain Uint8Array even when `entry` is a Buffer.
  const bytes = new Uint8Array(entry.buffer, entry.byteOffset, entry.length);
  const hasPublisher = header.valueOffset > LMDB_RECORD_HEADER_BYTES;
  return Object.freeze({
    key,
    value: bytes.slice(header.valueOffset),
    ...(hasPublisher ? { publisher: bytes.slice(LMDB_RECORD_HEADER_BYTES, header.valueOffset) } : {}),
    expiresAt: header.expiresAt,
    storedAt: header.storedAt,
  });
}
