import { ID_BYTES } from "@plexus/core";
import { MAX_RID, PROTOCOL_VERSION } from "../constants.js";
import { WireDecodeError, type WireDecodeErrorCode, type WireHeader } from "../errors.js";
import { isUint } from "../fields/incoming-fields.js";
import type { ExtensionMap, WireMessage } from "./message-spec.js";
import { SCAN_FLAG_FLOAT_OUTSIDE_MAP } from "./msgpack-scan.js";
import type { Registry } from "./registry.js";

/** Elements before the type-specific fields: version, type code, rid, sender. */
export const HEADER_ELEMENTS = 4;

function reject(code: WireDecodeErrorCode, message: string, header?: WireHeader): never {
  throw new WireDecodeError(code, message, header === undefined ? undefined : { header });
}

/**
 * The header of an unpacked envelope, checked in the order of docs/protocol.md section 7
 * (checks 4 to 8).
 * @throws WireDecodeError `ERR_WIRE_BAD_ENVELOPE`, `ERR_WIRE_VERSION`, `ERR_WIRE_BAD_FIELD`
 *   or `ERR_WIRE_UNKNOWN_TYPE` (without a header: it is not trustworthy yet).
 */
function readHeader(raw: unknown, scanFlags: number): WireHeader {
  if (!Array.isArray(raw) || raw.length === 0) reject("ERR_WIRE_BAD_ENVELOPE", "a datagram must be a non-empty array");
  const f = raw as unknown[];
  // Element 0 is the version in every protocol version; all else may change with it.
  if (f[0] !== PROTOCOL_VERSION) reject("ERR_WIRE_VERSION", `unsupported protocol version ${String(f[0])}`);
  if ((scanFlags & SCAN_FLAG_FLOAT_OUTSIDE_MAP) !== 0) {
    reject("ERR_WIRE_BAD_FIELD", "a float outside an extension map (v1 fields are integers)");
  }
  if (f.length < HEADER_ELEMENTS) reject("ERR_WIRE_BAD_ENVELOPE", "an envelope has at least 4 elements");
  const [, typeCode, rid, sender] = f;
  if (!isUint(rid, MAX_RID)) reject("ERR_WIRE_BAD_FIELD", `rid must be an unsigned integer <= ${MAX_RID}`);
  if (!(sender instanceof Uint8Array) || sender.length !== ID_BYTES) reject("ERR_WIRE_BAD_FIELD", "sender must be a 32-byte bin");
  if (!isUint(typeCode, 0xffff_ffff)) reject("ERR_WIRE_UNKNOWN_TYPE", "the type code must be an unsigned integer");
  return { version: PROTOCOL_VERSION, typeCode, rid, sender: sender.slice() };
}

/**
 * Validates an unpacked envelope and returns the typed message its spec builds
 * (docs/protocol.md, section 7, checks 4 to 11).
 * @param scanFlags the flags the pre-scan returned for the same bytes.
 * @throws WireDecodeError `ERR_WIRE_BAD_ENVELOPE`, `ERR_WIRE_VERSION`,
 *   `ERR_WIRE_UNKNOWN_TYPE` or `ERR_WIRE_BAD_FIELD`; `ERR_WIRE_MALFORMED` (with the
 *   header and the error as `cause`) when a spec throws anything but a `WireDecodeError`.
 */
export function messageFromEnvelope(raw: unknown, scanFlags: number, registry: Registry): WireMessage {
  const h = readHeader(raw, scanFlags);
  const f = raw as unknown[];
  const spec = registry.byCode.get(h.typeCode);
  if (spec === undefined) reject("ERR_WIRE_UNKNOWN_TYPE", `unknown message type 0x${h.typeCode.toString(16)}`, h);
  const total = HEADER_ELEMENTS + spec.fieldCount;
  const extensions = f.length === total + 1 ? f[total] : undefined;
  if (f.length !== total && !(extensions instanceof Map)) {
    reject("ERR_WIRE_BAD_ENVELOPE", `${spec.type} has ${spec.fieldCount} fields and an optional extension map`, h);
  }
  try {
    return spec.decodeFields(f.slice(HEADER_ELEMENTS, total), h, extensions as ExtensionMap | undefined);
  } catch (cause) {
    if (cause instanceof WireDecodeError) throw cause;
    throw new WireDecodeError("ERR_WIRE_MALFORMED", `${spec.type} could not be decoded`, { cause, header: h });
  }
}
