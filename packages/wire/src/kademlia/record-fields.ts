import { ID_BYTES, type NodeId } from "@plexus/core";
import { MAX_VALUE_BYTES } from "../constants.js";
import type { WireHeader } from "../errors.js";
import { inBytes, inPayload, inSafeUint } from "../fields/incoming-fields.js";
import { outBytes, outPayload, outSafeUint } from "../fields/outgoing-fields.js";

/**
 * The four fields STORE and VALUE share (docs/protocol.md, section 4): `key`, `value`,
 * `ttl_ms` and `publisher` (a 32-byte bin, or nil when unknown).
 */
export interface RecordFields {
  readonly key: NodeId;
  readonly value: Uint8Array;
  readonly ttlMs: number;
  readonly publisher?: NodeId;
}

/**
 * The record fields of `m`, validated, in wire order.
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for a bad key, ttl or publisher,
 *   `ERR_VALUE_TOO_LARGE` for a value over `MAX_VALUE_BYTES`.
 */
export function outRecordFields(m: RecordFields): unknown[] {
  return [
    outBytes(m.key, ID_BYTES, "key"),
    outPayload(m.value, MAX_VALUE_BYTES, "value"),
    outSafeUint(m.ttlMs, "ttlMs"),
    m.publisher === undefined ? null : outBytes(m.publisher, ID_BYTES, "publisher"),
  ];
}

/**
 * The record fields from `f`, copied out of the datagram.
 * @throws WireDecodeError `ERR_WIRE_BAD_FIELD` for a bad field.
 */
export function inRecordFields(f: readonly unknown[], h: WireHeader): RecordFields {
  const key = inBytes(f[0], ID_BYTES, "key", h);
  const value = inPayload(f[1], MAX_VALUE_BYTES, "value", h);
  const ttlMs = inSafeUint(f[2], "ttlMs", h);
  return f[3] === null ? { key, value, ttlMs } : { key, value, ttlMs, publisher: inBytes(f[3], ID_BYTES, "publisher", h) };
}
