import { ID_BYTES } from "@plexus/core";
import { RESET_BUFFER_MODE, type Packr } from "msgpackr";
import { MAX_DATAGRAM_BYTES, MAX_RID, PROTOCOL_VERSION } from "../constants.js";
import { WireEncodeError } from "../errors.js";
import { outBytes, outUint } from "../fields/outgoing-fields.js";
import type { MessageSpec, WireMessage } from "./message-spec.js";
import type { Registry } from "./registry.js";

function refuse(message: string, cause?: unknown): never {
  throw new WireEncodeError("ERR_INVALID_ARGUMENT", message, cause === undefined ? undefined : { cause });
}

/**
 * The envelope `[version, code, rid, sender, ...fields, extensions?]` of `message`
 * (docs/protocol.md, section 3), every field validated: header first, then the spec's
 * fields, then its extensions. A spec that throws anything but a `WireEncodeError` (a bug,
 * or a message far from its type) gives `ERR_INVALID_ARGUMENT` with that error as `cause`.
 */
function envelopeOf(spec: MessageSpec, message: WireMessage): unknown[] {
  const envelope: unknown[] = [
    PROTOCOL_VERSION,
    spec.code,
    outUint(message.rid, MAX_RID, "rid"),
    outBytes(message.sender, ID_BYTES, "sender"),
  ];
  try {
    const fields = spec.encodeFields(message);
    if (fields.length !== spec.fieldCount) refuse(`${spec.type}: ${fields.length} fields encoded, ${spec.fieldCount} declared`);
    for (const field of fields) envelope.push(field);
    const extensions = spec.encodeExtensions?.(message);
    if (extensions !== undefined && extensions.size > 0) envelope.push(extensions);
  } catch (cause) {
    if (cause instanceof WireEncodeError) throw cause;
    refuse(`${spec.type} could not be encoded`, cause);
  }
  return envelope;
}

/**
 * Encodes one message as one datagram with `packr`.
 * @returns a new, exactly sized, plain `Uint8Array`.
 * @throws WireEncodeError `ERR_INVALID_ARGUMENT` for a type `registry` does not know or a
 *   bad field, `ERR_VALUE_TOO_LARGE` for an oversized payload, `ERR_DATAGRAM_TOO_LARGE`
 *   past `MAX_DATAGRAM_BYTES`.
 */
export function encodeMessage(message: WireMessage, registry: Registry, packr: Packr): Uint8Array {
  const type: unknown = (message as Partial<WireMessage> | undefined)?.type;
  const spec = typeof type === "string" ? registry.byType.get(type) : undefined;
  if (spec === undefined) refuse(`unknown message type ${String(type)}`);
  const envelope = envelopeOf(spec, message);
  let packed: Uint8Array;
  try {
    // RESET_BUFFER_MODE: msgpackr reuses its buffer for the next pack. Safe because the
    // bytes are copied out below before anything else packs.
    packed = packr.pack(envelope, RESET_BUFFER_MODE);
  } catch (cause) {
    refuse("msgpack could not encode the message", cause);
  }
  if (packed.length > MAX_DATAGRAM_BYTES) {
    throw new WireEncodeError("ERR_DATAGRAM_TOO_LARGE", `encoded ${packed.length} bytes, more than ${MAX_DATAGRAM_BYTES}`);
  }
  // msgpackr returns a Buffer view of its buffer: copy into a plain, compact array.
  return new Uint8Array(packed);
}
