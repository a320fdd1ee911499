import { PlexusError, assertNodeId } from "@plexus/core";
import type { StoredRecord } from "@plexus/core";

/**
 * Checks the shape of a {@link StoredRecord} before a store accepts it: 32-byte `key`
 * (and `publisher` when present), `value` a `Uint8Array`, `expiresAt` and `storedAt`
 * numbers that are not NaN (`Infinity` is allowed: a record that never expires). Shared by
 * every store so they reject the same inputs with the same codes.
 * @throws PlexusError `ERR_INVALID_ID` for a bad key or publisher
 * @throws PlexusError `ERR_INVALID_ARGUMENT` for anything else
 */
export function assertStoredRecord(record: unknown): asserts record is StoredRecord {
  if (typeof record !== "object" || record === null) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", "record must be an object");
  }
  const r = record as Partial<Record<keyof StoredRecord, unknown>>;
  assertNodeId(r.key, "record key");
  if (r.publisher !== undefined) assertNodeId(r.publisher, "record publisher");
  if (!(r.value instanceof Uint8Array)) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", "record value must be a Uint8Array");
  }
  assertTime(r.expiresAt, "expiresAt");
  assertTime(r.storedAt, "storedAt");
}

function assertTime(value: unknown, what: string): void {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new PlexusError("ERR_INVALID_ARGUMENT", `record ${what} must be a number (ms), got ${String(value)}`);
  }
}

/**
 * A frozen deep copy of `record` holding plain `Uint8Array`s, so the caller may reuse its
 * buffers (including Node `Buffer`s from a socket) after `put` resolves.
 */
export function copyRecord(record: StoredRecord): StoredRecord {
  return Object.freeze({
    key: new Uint8Array(record.key),
    value: new Uint8Array(record.value),
    ...(record.publisher !== undefined ? { publisher: new Uint8Array(record.publisher) } : {}),
    expiresAt: record.expiresAt,
    storedAt: record.storedAt,
  });
}

/**
 * The error a store throws for a value of `length` bytes over its `maxValueBytes`, worded
 * the same by every store.
 */
export function valueTooLargeError(length: number, maxValueBytes: number): PlexusError {
  return new PlexusError(
    "ERR_VALUE_TOO_LARGE",
    `value is ${length} bytes; this store accepts at most ${maxValueBytes} bytes per value`,
  );
}
