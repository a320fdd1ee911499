import type { Packr } from "msgpackr";
import { MAX_DATAGRAM_BYTES } from "../constants.js";
import { WireDecodeError } from "../errors.js";
import type { WireMessage } from "./message-spec.js";
import type { MsgpackScanner } from "./msgpack-scan.js";
import { messageFromEnvelope } from "./read-envelope.js";
import type { Registry } from "./registry.js";

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

/**
 * Decodes and validates one datagram (docs/protocol.md, section 7). Checks run cheapest
 * first: size, then the structural pre-scan (truncation, trailing bytes, nesting depth,
 * declared lengths, ext types, UTF-8) before msgpackr unpacks anything, then the header,
 * then every field through the type's spec.
 * @returns a message whose byte fields never alias `bytes`.
 * @throws WireDecodeError and nothing else.
 */
export function decodeMessage(bytes: Uint8Array, registry: Registry, packr: Packr, scanner: MsgpackScanner): WireMessage {
  if (!(bytes instanceof Uint8Array)) throw new WireDecodeError("ERR_WIRE_MALFORMED", "input must be a Uint8Array");
  const length = bytes.length;
  if (length === 0) throw new WireDecodeError("ERR_WIRE_EMPTY", "empty datagram");
  if (length > MAX_DATAGRAM_BYTES) {
    throw new WireDecodeError("ERR_WIRE_TOO_LARGE", `datagram of ${length} bytes exceeds ${MAX_DATAGRAM_BYTES}`);
  }
  const scan = scanner.scan(bytes);
  if (typeof scan === "string") throw new WireDecodeError(scan, describe(scan));
  // A fresh plain view: msgpackr caches a DataView on its input object and returns bins as
  // subarrays of it (a Buffer's would be Buffers); the specs copy each one out.
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, length);
  let raw: unknown;
  try {
    raw = packr.unpack(view);
  } catch (cause) {
    // Unreachable after the scan as far as we know; kept so only WireDecodeError escapes.
    throw new WireDecodeError("ERR_WIRE_MALFORMED", "msgpack could not unpack the datagram", { cause });
  }
  return messageFromEnvelope(raw, scan, registry);
}
