import { msgpack } from "./codec.js";
import { MAX_DATAGRAM_BYTES } from "./constants.js";
import { WireDecodeError } from "./errors.js";
import type { Message } from "./messages.js";
import { scanMsgpack } from "./msgpack-scan.js";
import { messageFromEnvelope } from "./validate.js";

/** What {@link tryDecode} returns: the message, or why the datagram was refused. */
export type DecodeResult = { ok: true; message: Message } | { ok: false; error: WireDecodeError };

/**
 * Decodes and validates one datagram (docs/protocol.md). Checks run cheapest first: size,
 * then a structural pre-scan (truncation, trailing bytes, nesting depth, declared lengths,
 * ext types, UTF-8) before msgpackr unpacks anything, then every field.
 * @returns a typed message whose byte fields are compact, plain `Uint8Array`s that never
 *   alias `bytes`.
 * @throws WireDecodeError and nothing else; see {@link WireDecodeErrorCode} for the codes.
 */
export function decode(bytes: Uint8Array): Message {
  if (!(bytes instanceof Uint8Array)) throw new WireDecodeError("ERR_WIRE_MALFORMED", "input must be a Uint8Array");
  const length = bytes.length;
  if (length === 0) throw new WireDecodeError("ERR_WIRE_EMPTY", "empty datagram");
  if (length > MAX_DATAGRAM_BYTES) {
    throw new WireDecodeError("ERR_WIRE_TOO_LARGE", `datagram of ${length} bytes exceeds ${MAX_DATAGRAM_BYTES}`);
  }
  const scan = scanMsgpack(bytes);
  if (typeof scan === "string") throw new WireDecodeError(scan, describe(scan));
  // A fresh plain view: msgpackr caches a DataView on its input object and returns bins
  // as subarrays of it; validation copies each one out.
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, length);
  let raw: unknown;
  try {
    raw = msgpack.unpack(view);
  } catch (cause) {
    // Unreachable after the scan as far as we know; kept so only WireDecodeError escapes.
    throw new WireDecodeError("ERR_WIRE_MALFORMED", "msgpack could not unpack the datagram", { cause });
  }
  return messageFromEnvelope(raw, scan);
}

/**
 * {@link decode} for the hot path: never throws. Anything unexpected (which would be a
 * bug) is reported as `ERR_WIRE_MALFORMED` with the original error as `cause`.
 */
export function tryDecode(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, message: decode(bytes) };
  } catch (error) {
    if (error instanceof WireDecodeError) return { ok: false, error };
    return { ok: false, error: new WireDecodeError("ERR_WIRE_MALFORMED", "unexpected decoder failure", { cause: error }) };
  }
}

function describe(code: string): string {
  switch (code) {
    case "ERR_WIRE_TRUNCATED":
      return "datagram ends inside a MessagePack item";
    case "ERR_WIRE_TRAILING_BYTES":
      return "bytes after the envelope";
    case "ERR_WIRE_TOO_DEEP":
      return "containers nested too deeply";
    default:
      return "not MessagePack as Plexus uses it (0xc1, an ext type or invalid UTF-8)";
  }
}
